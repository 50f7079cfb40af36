package dialect

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// readAll collects records as "line:field|field" and malformed records as
// "line:col!".
func readAll(t testing.TB, in string, delim byte) []string {
	t.Helper()
	rr := NewRecordReader(strings.NewReader(in), delim)
	var out []string
	for {
		rec, err := rr.Read()
		if errors.Is(err, io.EOF) {
			return out
		}
		var me *MalformedError
		if errors.As(err, &me) {
			out = append(out, itoa(me.Line)+":"+itoa(me.Column)+"!")
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, itoa(rec.Line)+":"+strings.Join(rec.Fields, "|"))
	}
}

func itoa(n int) string { return fmt.Sprintf("%03d", n) }

func TestRecordReader(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		delim byte
		want  []string
	}{
		{"semicolon LF", "a;b\n1;2\n", ';', []string{"001:a|b", "002:1|2"}},
		{"CRLF", "a;b\r\n1;2\r\n", ';', []string{"001:a|b", "002:1|2"}},
		{"no final newline", "a,b\n1,2", ',', []string{"001:a|b", "002:1|2"}},
		{"tab", "a\tb\n1,5\t2\n", '\t', []string{"001:a|b", "002:1,5|2"}},
		{"quoted delimiter", "a;b\n\"x;y\";2\n", ';', []string{"001:a|b", "002:x;y|2"}},
		{"doubled quote", "a;b\n\"say \"\"hi\"\"\";2\n", ';', []string{"001:a|b", "002:say \"hi\"|2"}},
		{"newline in quotes", "a;b\n\"one\ntwo\";2\n3;4\n", ';', []string{"001:a|b", "002:one\ntwo|2", "004:3|4"}},
		{"CRLF in quotes", "a;b\r\n\"one\r\ntwo\";2\r\n3;4\r\n", ';', []string{"001:a|b", "002:one\ntwo|2", "004:3|4"}},
		{"blank and delimiter-only lines skipped", "a;b\n\n;\n \n1;2\n", ';', []string{"001:a|b", "005:1|2"}},
		{"empty fields", "a;b;c\n;;x\n", ';', []string{"001:a|b|c", "002:||x"}},
		{"bare quote", "a;b\nx\"y;2\n3;4\n", ';', []string{"001:a|b", "002:002!", "003:3|4"}},
		{"text after closing quote", "a;b\n\"x\"y;2\n3;4\n", ';', []string{"001:a|b", "002:004!", "003:3|4"}},
		{"unclosed quote recovers on the next line", "a;b\n\"x;2\n3;4\n5;6\n", ';', []string{"001:a|b", "002:001!", "003:3|4", "004:5|6"}},
		{"stray quote swallowing lines recovers", "a;b\nab\"c;1\n3;4\nd\"e;f\n7;8\n", ';',
			[]string{"001:a|b", "002:003!", "003:3|4", "004:002!", "005:7|8"}},
		{"quoted empty field", "a;b\n\"\";2\n", ';', []string{"001:a|b", "002:|2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := readAll(t, tt.in, tt.delim)
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got  %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		name, in string
		want     byte
	}{
		{"semicolon with decimal commas", "lahete_id;tunnit;km\nR1;1,5;2,5\nR2;2;0,5\n", ';'},
		{"comma", "referral_id,hours\nR1,1.5\nR2,2\n", ','},
		{"tab", "referral_id\thours\nR1\t1,5\n", '\t'},
		{"comma with quoted semicolons", "a,b\n\"x;y;z\",1\n\"p;q\",2\n", ','},
		{"semicolon with quoted commas", "a;b;c\n\"x, y\";1;2\n\"p,q,r\";2;3\n", ';'},
		{"header only", "a,b,c\n", ','},
		{"one column falls back to semicolon", "a\n1\n", ';'},
	}
	for _, tt := range tests {
		if got := SniffDelimiter([]byte(tt.in), false); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestUTF8Checker(t *testing.T) {
	tests := []struct {
		name   string
		chunks []string
		want   string
	}{
		{"ascii", []string{"abc"}, EncodingUTF8},
		{"utf-8 split across chunks", []string{"Enontekiö"[:8], "Enontekiö"[8:]}, EncodingUTF8},
		{"bom", []string{"\xef\xbb\xbfkunta"}, EncodingUTF8BOM},
		{"windows-1252", []string{"Enontekі", "\xf6"}, EncodingWindows1252},
		{"truncated at end", []string{"ab\xc3"}, EncodingWindows1252},
	}
	for _, tt := range tests {
		c := NewUTF8Checker()
		for _, ch := range tt.chunks {
			c.Write([]byte(ch))
		}
		if got := c.Encoding(); got != tt.want {
			t.Errorf("%s: got %s, want %s", tt.name, got, tt.want)
		}
	}
}

// FuzzReadRecords checks that the reader never panics or loops, accounts for
// every line, and agrees with encoding/csv on input encoding/csv accepts.
func FuzzReadRecords(f *testing.F) {
	for _, s := range []string{
		"a;b\n1;2\n", "a,b\r\n\"x\ny\",2\r\n", "a;b\nx\"y;2\n", "\"unclosed\n1;2\n", ";;\n\n",
		"a\tb\n\"\"\"\"\t1\n", "\xef\xbb\xbfa;b\n1;2", "a;b\n\"x\"y;1\n",
	} {
		f.Add([]byte(s), byte(';'))
	}
	f.Fuzz(func(t *testing.T, in []byte, delim byte) {
		switch delim {
		case ';', ',', '\t', '|':
		default:
			delim = ';'
		}
		rr := NewRecordReader(bytes.NewReader(in), delim)
		lines := bytes.Count(in, []byte{'\n'}) + 1
		var got [][]string
		clean := true
		last := 0
		for i := 0; ; i++ {
			if i > lines+1 {
				t.Fatalf("more records than lines (%d)", lines)
			}
			rec, err := rr.Read()
			if errors.Is(err, io.EOF) {
				break
			}
			var me *MalformedError
			if errors.As(err, &me) {
				clean = false
				if me.Line < 1 || me.Line > lines || me.Column < 1 {
					t.Fatalf("malformed at line %d column %d of %d lines", me.Line, me.Column, lines)
				}
				continue
			}
			if err != nil {
				t.Fatal(err)
			}
			if rec.Line <= last || rec.Line > lines {
				t.Fatalf("record line %d after %d (of %d)", rec.Line, last, lines)
			}
			last = rec.Line
			got = append(got, append([]string(nil), rec.Fields...))
		}
		if !clean || !utf8.Valid(in) || bytes.ContainsRune(in, '\r') {
			return
		}
		// On input encoding/csv reads strictly, both must give the same
		// records (encoding/csv also skips empty lines, but not lines of
		// delimiters, and trims nothing).
		cr := csv.NewReader(bytes.NewReader(in))
		cr.Comma = rune(delim)
		cr.FieldsPerRecord = -1
		want, err := cr.ReadAll()
		if err != nil {
			return
		}
		var filtered [][]string
		for _, r := range want {
			blank := true
			for _, f := range r {
				blank = blank && strings.TrimSpace(f) == ""
			}
			if !blank {
				filtered = append(filtered, r)
			}
		}
		if len(filtered) != len(got) {
			t.Fatalf("%d records, encoding/csv %d: %q vs %q", len(got), len(filtered), got, filtered)
		}
		for i := range got {
			if !reflect.DeepEqual(got[i], filtered[i]) {
				t.Fatalf("record %d: %q, encoding/csv %q", i, got[i], filtered[i])
			}
		}
	})
}

// BenchmarkRecordReader reads a meeting log of 100 000 rows, some quoted.
func BenchmarkRecordReader(b *testing.B) {
	var buf bytes.Buffer
	buf.WriteString("lahete_id;tapaamispaiva;tunnit;kilometrit;toiminta\r\n")
	for i := 0; i < 100_000; i++ {
		fmt.Fprintf(&buf, "HL%07d;%02d.03.2022;1,5;12,4;\"keskustelu; kahvila\"\r\n", i, 1+i%28)
	}
	data := buf.Bytes()
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		rr := NewRecordReader(bytes.NewReader(data), ';')
		for {
			if _, err := rr.Read(); err != nil {
				break
			}
		}
	}
}
