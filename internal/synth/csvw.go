package synth

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// dialect is how one output file is written.
type dialect struct {
	delim    byte
	crlf     bool
	bom      bool // UTF-8 byte-order mark
	cp1252   bool // Windows-1252 instead of UTF-8
	date     dateStyle
	decimal  byte // decimal separator for hours and kilometres
	encoding string
}

// row is one record being built: its fields are reused between rows so the
// hot loop does not allocate.
type row struct {
	f [][]byte
}

func newRow(n int) *row {
	r := &row{f: make([][]byte, n)}
	for i := range r.f {
		r.f[i] = make([]byte, 0, 32)
	}
	return r
}

func (r *row) reset() {
	for i := range r.f {
		r.f[i] = r.f[i][:0]
	}
}

func (r *row) set(i int, s string) { r.f[i] = append(r.f[i][:0], s...) }

// clone copies a row, for defect rows derived from a clean one.
func (r *row) clone() *row {
	c := &row{f: make([][]byte, len(r.f))}
	for i, f := range r.f {
		c.f[i] = append([]byte(nil), f...)
	}
	return c
}

// csvFile writes one delimited file, counting physical lines so the
// manifest can name the line where each row starts.
type csvFile struct {
	name    string
	kind    string
	path    string // final path; written to tmp and renamed on success
	tmp     *os.File
	w       *bufio.Writer
	d       dialect
	line    []byte // the encoded row being assembled
	enc     []byte // Windows-1252 transcoding buffer
	columns int    // fields in the header
	lines   int    // physical lines written so far (header included)
	rows    int    // non-empty data rows written (rows_read)
	lastRow []byte // the previous row's bytes, for identical repeats
}

func createCSV(dir, name, kind string, d dialect) (*csvFile, error) {
	tmp, err := os.CreateTemp(dir, ".synth-*.tmp")
	if err != nil {
		return nil, fmt.Errorf("create %s: %w", name, err)
	}
	f := &csvFile{name: name, kind: kind, path: filepath.Join(dir, name), tmp: tmp,
		w: bufio.NewWriterSize(tmp, 1<<20), d: d}
	if d.bom {
		f.w.WriteString("\ufeff")
	}
	return f, nil
}

// nextLine is the physical line the next row will start on.
func (f *csvFile) nextLine() int { return f.lines + 1 }

// header writes the header row.
func (f *csvFile) header(names ...string) {
	f.columns = len(names)
	for i, n := range names {
		if i > 0 {
			f.line = append(f.line, f.d.delim)
		}
		f.line = f.appendField(f.line, []byte(n))
	}
	f.flushLine(false)
}

// write writes a data row and returns the line it starts on.
func (f *csvFile) write(r *row) int {
	at := f.nextLine()
	for i, v := range r.f {
		if i > 0 {
			f.line = append(f.line, f.d.delim)
		}
		f.line = f.appendField(f.line, v)
	}
	f.flushLine(true)
	return at
}

// writeRaw writes pre-assembled row text (malformed rows, blank lines) as
// is; counted says whether it is a data row that ingest counts.
func (f *csvFile) writeRaw(text string, counted bool) int {
	at := f.nextLine()
	f.line = append(f.line, text...)
	f.flushLine(counted)
	return at
}

// repeat writes the previous data row again, byte for byte.
func (f *csvFile) repeat() int {
	at := f.nextLine()
	f.line = append(f.line, f.lastRow...)
	f.flushLine(true)
	return at
}

func (f *csvFile) flushLine(counted bool) {
	if counted {
		f.rows++
		f.lastRow = append(f.lastRow[:0], f.line...)
	}
	f.lines += 1 + bytes.Count(f.line, []byte{'\n'})
	if f.d.crlf {
		f.line = append(f.line, '\r', '\n')
	} else {
		f.line = append(f.line, '\n')
	}
	out := f.line
	if f.d.cp1252 {
		f.enc = toCP1252(f.enc[:0], f.line)
		out = f.enc
	}
	f.w.Write(out)
	f.line = f.line[:0]
}

// appendField quotes a field (RFC 4180) when it holds the delimiter, a
// quote or a line break.
func (f *csvFile) appendField(b, v []byte) []byte {
	needs := false
	for _, c := range v {
		if c == f.d.delim || c == '"' || c == '\n' || c == '\r' {
			needs = true
			break
		}
	}
	if !needs {
		return append(b, v...)
	}
	b = append(b, '"')
	for _, c := range v {
		if c == '"' {
			b = append(b, '"')
		}
		b = append(b, c)
	}
	return append(b, '"')
}

// close flushes and moves the file into place.
func (f *csvFile) close() error {
	if err := f.w.Flush(); err != nil {
		f.tmp.Close()
		return fmt.Errorf("write %s: %w", f.name, err)
	}
	if err := f.tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", f.name, err)
	}
	// CreateTemp makes the file private; inputs are ordinary files
	if err := os.Chmod(f.tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", f.name, err)
	}
	return os.Rename(f.tmp.Name(), f.path)
}

// abort removes the partial file.
func (f *csvFile) abort() {
	f.tmp.Close()
	os.Remove(f.tmp.Name())
}

// toCP1252 transcodes UTF-8 text to Windows-1252. Every character linkki
// writes (Finnish letters, ASCII) exists there; anything else becomes '?'.
func toCP1252(dst, src []byte) []byte {
	for i := 0; i < len(src); {
		c := src[i]
		if c < utf8.RuneSelf {
			dst = append(dst, c)
			i++
			continue
		}
		r, n := utf8.DecodeRune(src[i:])
		i += n
		if b, ok := charmap.Windows1252.EncodeRune(r); ok {
			dst = append(dst, b)
		} else {
			dst = append(dst, '?')
		}
	}
	return dst
}

// writeBareQuote writes r with field i unquoted as given, for rows whose
// broken quoting is the point.
func (f *csvFile) writeBareQuote(r *row, i int, raw string) int {
	at := f.nextLine()
	for j, v := range r.f {
		if j > 0 {
			f.line = append(f.line, f.d.delim)
		}
		if j == i {
			f.line = append(f.line, raw...)
		} else {
			f.line = f.appendField(f.line, v)
		}
	}
	f.flushLine(true)
	return at
}
