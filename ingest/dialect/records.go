package dialect

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Record is one CSV record: its fields and the physical line (1-based) where
// it starts.
type Record struct {
	Line   int
	Fields []string
}

// MalformedError is a record that breaks RFC 4180 quoting. The reader skips
// just the record's first physical line and resumes on the next one, so one
// stray quote costs one row, not the rest of the file.
type MalformedError struct {
	Line   int    // physical line of the error
	Column int    // 1-based character position in that line
	Msg    string // what is wrong
	Raw    string // the record's first physical line, as read
}

func (e *MalformedError) Error() string {
	return fmt.Sprintf("line %d, column %d: %s", e.Line, e.Column, e.Msg)
}

// Limits on one record, so that an unclosed quote cannot swallow the file.
const (
	maxRecordLines = 1000
	maxRecordBytes = 4 << 20
)

type physLine struct {
	num int
	b   []byte
}

// RecordReader reads RFC 4180 records (double quotes, doubled quotes inside,
// delimiters and newlines allowed in quoted fields, LF or CRLF) and knows the
// line number of each record. Unlike encoding/csv it continues after a broken
// record: it returns a *MalformedError for it and goes on with the next line.
// Lines that are empty or hold only delimiters and spaces are skipped.
type RecordReader struct {
	r       *bufio.Reader
	delim   byte
	line    int
	pending []physLine
	raw     []byte // the current record's bytes
	starts  []int  // offset in raw of each physical line
	nums    []int  // line number of each physical line
	fields  []string
	long    []byte
	unquote strings.Builder
}

// NewRecordReader reads UTF-8 text from r with a one-byte delimiter.
func NewRecordReader(r io.Reader, delim byte) *RecordReader {
	return &RecordReader{r: bufio.NewReaderSize(r, 256<<10), delim: delim}
}

// readLine returns the next physical line including its newline.
func (rr *RecordReader) readLine() (physLine, error) {
	if len(rr.pending) > 0 {
		l := rr.pending[0]
		rr.pending = rr.pending[1:]
		return l, nil
	}
	b, err := rr.r.ReadSlice('\n')
	if errors.Is(err, bufio.ErrBufferFull) {
		rr.long = append(rr.long[:0], b...)
		for errors.Is(err, bufio.ErrBufferFull) {
			b, err = rr.r.ReadSlice('\n')
			rr.long = append(rr.long, b...)
		}
		b = rr.long
	}
	if err != nil && !errors.Is(err, io.EOF) {
		return physLine{}, err
	}
	if len(b) == 0 {
		return physLine{}, io.EOF
	}
	rr.line++
	return physLine{num: rr.line, b: b}, nil
}

// Read returns the next record. Fields are valid until the next call. A
// broken record gives a *MalformedError; io.EOF ends the input.
func (rr *RecordReader) Read() (Record, error) {
	for {
		rr.raw, rr.starts, rr.nums = rr.raw[:0], rr.starts[:0], rr.nums[:0]
		quotes := 0
		var err error
		for {
			var l physLine
			l, err = rr.readLine()
			if err != nil {
				break
			}
			rr.starts = append(rr.starts, len(rr.raw))
			rr.nums = append(rr.nums, l.num)
			rr.raw = append(rr.raw, l.b...)
			quotes += bytes.Count(l.b, []byte{'"'})
			if quotes%2 == 0 || len(rr.nums) >= maxRecordLines || len(rr.raw) >= maxRecordBytes {
				break
			}
		}
		if len(rr.nums) == 0 {
			if err == nil {
				err = io.EOF
			}
			return Record{}, err
		}
		if err != nil && !errors.Is(err, io.EOF) {
			return Record{}, err
		}
		if quotes%2 == 1 {
			return Record{}, rr.malformed(len(rr.raw), "quoted field is not closed")
		}
		blank, perr := rr.split()
		if perr != nil {
			return Record{}, perr
		}
		if !blank {
			return Record{Line: rr.nums[0], Fields: rr.fields}, nil
		}
	}
}

// malformed reports a broken record at byte offset pos of raw and pushes the
// record's later physical lines back for re-reading.
func (rr *RecordReader) malformed(pos int, msg string) *MalformedError {
	li := 0
	for li+1 < len(rr.starts) && rr.starts[li+1] <= pos {
		li++
	}
	if pos >= len(rr.raw) && len(rr.starts) > 1 {
		// An unclosed quote: the error is where the quote opened, on the
		// first line.
		li, pos = 0, rr.firstOpenQuote()
	}
	col := utf8.RuneCount(rr.raw[rr.starts[li]:min(pos, len(rr.raw))]) + 1
	firstEnd := len(rr.raw)
	if len(rr.starts) > 1 {
		firstEnd = rr.starts[1]
	}
	e := &MalformedError{Line: rr.nums[li], Column: col, Msg: msg,
		Raw: strings.TrimRight(string(rr.raw[:firstEnd]), "\r\n")}
	if len(rr.starts) > 1 {
		back := make([]physLine, 0, len(rr.starts)-1+len(rr.pending))
		for i := 1; i < len(rr.starts); i++ {
			end := len(rr.raw)
			if i+1 < len(rr.starts) {
				end = rr.starts[i+1]
			}
			back = append(back, physLine{num: rr.nums[i], b: bytes.Clone(rr.raw[rr.starts[i]:end])})
		}
		rr.pending = append(back, rr.pending...)
	}
	return e
}

// firstOpenQuote finds where the quote that never closed was opened on the
// record's first line, for the error's column.
func (rr *RecordReader) firstOpenQuote() int {
	end := len(rr.raw)
	if len(rr.starts) > 1 {
		end = rr.starts[1]
	}
	open, at := false, 0
	for i := 0; i < end; i++ {
		if rr.raw[i] == '"' {
			if !open {
				at = i
			}
			open = !open
		}
	}
	return at
}

// split parses rr.raw, a record with balanced quotes, into rr.fields.
func (rr *RecordReader) split() (blank bool, err *MalformedError) {
	text := string(bytes.TrimRight(rr.raw, "\r\n"))
	rr.fields = rr.fields[:0]
	blank = true
	d := rr.delim
	i := 0
	for {
		if i < len(text) && text[i] == '"' {
			rr.unquote.Reset()
			j := i + 1
			for {
				k := strings.IndexByte(text[j:], '"')
				if k < 0 {
					return false, rr.malformed(len(rr.raw), "quoted field is not closed")
				}
				rr.unquote.WriteString(text[j : j+k])
				j += k + 1
				if j < len(text) && text[j] == '"' {
					rr.unquote.WriteByte('"')
					j++
					continue
				}
				break
			}
			f := rr.unquote.String()
			if strings.Contains(f, "\r\n") {
				f = strings.ReplaceAll(f, "\r\n", "\n")
			}
			rr.fields = append(rr.fields, f)
			if strings.TrimSpace(f) != "" {
				blank = false
			}
			if j == len(text) {
				return blank, nil
			}
			if text[j] != d {
				return false, rr.malformed(j, fmt.Sprintf("unexpected %q after a closing quote", text[j]))
			}
			i = j + 1
			continue
		}
		k := strings.IndexByte(text[i:], d)
		end := len(text)
		if k >= 0 {
			end = i + k
		}
		f := text[i:end]
		if q := strings.IndexByte(f, '"'); q >= 0 {
			return false, rr.malformed(i+q, `a quote (") inside an unquoted field; quote the whole field and double the quote`)
		}
		if blank && strings.TrimSpace(f) != "" {
			blank = false
		}
		rr.fields = append(rr.fields, f)
		if k < 0 {
			return blank, nil
		}
		i = end + 1
	}
}
