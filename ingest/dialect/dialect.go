// Package dialect reads the text files of the input contract: it detects the
// encoding (UTF-8, UTF-8 with BOM, Windows-1252) and the delimiter (';', ',',
// tab) and splits RFC 4180 records with the line number of each, continuing
// after a broken record instead of giving up on the file. It knows nothing of
// the file kinds or the database, so it can be fuzzed cheaply.
package dialect

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Encodings linkki reads. Windows-1252 is what Excel writes for "CSV" on
// Finnish Windows; ISO-8859-1 differs from it only in 0x80–0x9F.
const (
	EncodingUTF8        = "utf-8"
	EncodingUTF8BOM     = "utf-8-bom"
	EncodingWindows1252 = "windows-1252"
	EncodingISO88591    = "iso-8859-1"
	EncodingXLSX        = "xlsx"
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Dialect is how a text file is written.
type Dialect struct {
	Encoding  string
	Delimiter byte
}

// DelimiterName shows a delimiter for reports: ";", ",", "tab".
func DelimiterName(d byte) string {
	if d == '\t' {
		return "tab"
	}
	return string(d)
}

// ParseDelimiter reads --delimiter: one of ; , tab (also "\t", "comma",
// "semicolon").
func ParseDelimiter(s string) (byte, error) {
	switch strings.ToLower(s) {
	case ";", "semicolon":
		return ';', nil
	case ",", "comma":
		return ',', nil
	case "\t", `\t`, "tab":
		return '\t', nil
	case "|", "pipe":
		return '|', nil
	}
	return 0, fmt.Errorf("delimiter %q: use ';', ',', 'tab' or '|'", s)
}

// ParseEncoding reads --encoding.
func ParseEncoding(s string) (string, error) {
	switch strings.ToLower(strings.ReplaceAll(s, "_", "-")) {
	case "utf-8", "utf8":
		return EncodingUTF8, nil
	case "utf-8-bom", "utf8-bom", "utf-8-sig":
		return EncodingUTF8BOM, nil
	case "windows-1252", "cp1252", "win-1252", "windows1252":
		return EncodingWindows1252, nil
	case "iso-8859-1", "latin-1", "latin1", "iso8859-1":
		return EncodingISO88591, nil
	}
	return "", fmt.Errorf("encoding %q: use utf-8, windows-1252 or iso-8859-1", s)
}

// UTF8Checker is an io.Writer that follows a byte stream and remembers whether it is valid UTF-8,
// carrying an incomplete character across chunk boundaries.
type UTF8Checker struct {
	carry   []byte
	offset  int64
	invalid int64 // offset of the first invalid byte, -1 while valid
	first   bool
	bom     bool
}

func NewUTF8Checker() *UTF8Checker { return &UTF8Checker{invalid: -1, first: true} }

func (c *UTF8Checker) Write(p []byte) (int, error) {
	n := len(p)
	if c.first {
		c.first = false
		c.bom = bytes.HasPrefix(p, utf8BOM)
	}
	if c.invalid >= 0 {
		return n, nil
	}
	buf := p
	if len(c.carry) > 0 {
		buf = append(c.carry, p...)
	}
	base := c.offset - int64(len(c.carry))
	i := 0
	for i < len(buf) {
		if buf[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, size := utf8.DecodeRune(buf[i:])
		if r == utf8.RuneError && size <= 1 {
			if !utf8.FullRune(buf[i:]) {
				break
			}
			c.invalid = base + int64(i)
			return n, nil
		}
		i += size
	}
	c.carry = append(c.carry[:0], buf[i:]...)
	c.offset += int64(n)
	return n, nil
}

// Encoding is the detected encoding once the whole file has been written.
func (c *UTF8Checker) Encoding() string {
	switch {
	case c.invalid >= 0 || len(c.carry) > 0:
		return EncodingWindows1252
	case c.bom:
		return EncodingUTF8BOM
	}
	return EncodingUTF8
}

// InvalidAt is the byte offset of the first invalid UTF-8 sequence, or -1.
func (c *UTF8Checker) InvalidAt() int64 { return c.invalid }

// Decode wraps r, positioned at the file's start, to give UTF-8 text without
// a BOM.
func Decode(r io.Reader, encoding string) io.Reader {
	switch encoding {
	case EncodingWindows1252:
		return charmap.Windows1252.NewDecoder().Reader(r)
	case EncodingISO88591:
		return charmap.ISO8859_1.NewDecoder().Reader(r)
	}
	return &bomSkipper{r: r}
}

// bomSkipper drops a leading UTF-8 BOM.
type bomSkipper struct {
	r    io.Reader
	done bool
}

func (b *bomSkipper) Read(p []byte) (int, error) {
	if b.done {
		return b.r.Read(p)
	}
	b.done = true
	var head [3]byte
	n, err := io.ReadFull(b.r, head[:])
	if n == 3 && bytes.Equal(head[:], utf8BOM) {
		return b.r.Read(p)
	}
	b.r = io.MultiReader(bytes.NewReader(head[:n]), b.r)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return 0, err
	}
	return b.r.Read(p)
}

// SniffDelimiter picks the delimiter of a decoded text sample: the candidate
// whose header has at least two fields and whose records most often have the
// header's field count, quotes respected (so a decimal comma or a delimiter
// inside quotes does not count). Ties go to ';' (Finnish Excel), then tab,
// then ','. truncated says the sample ends mid-file, so its last record may be
// cut short and is ignored.
func SniffDelimiter(sample []byte, truncated bool) byte {
	best, bestScore := byte(';'), -1.0
	for _, d := range []byte{';', '\t', ',', '|'} {
		rr := NewRecordReader(bytes.NewReader(sample), d)
		header, n, same := -1, 0, 0
		var counts []int
		for len(counts) < 200 {
			rec, err := rr.Read()
			if err == io.EOF {
				break
			}
			if err != nil {
				counts = append(counts, -1)
				continue
			}
			counts = append(counts, len(rec.Fields))
		}
		if truncated && len(counts) > 1 {
			counts = counts[:len(counts)-1]
		}
		for i, c := range counts {
			if i == 0 {
				header = c
				continue
			}
			n++
			if c == header {
				same++
			}
		}
		if header < 2 {
			continue
		}
		score := 1.0
		if n > 0 {
			score = float64(same) / float64(n)
		}
		if score > bestScore {
			best, bestScore = d, score
		}
	}
	return best
}
