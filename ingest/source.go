package ingest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/xuri/excelize/v2"

	"github.com/linkki-fi/linkki/ingest/dialect"
)

// input is one file, hashed, with its dialect and header resolved.
type input struct {
	path, name string
	hash       string
	size       int64
	xlsx       bool
	encoding   string
	delimiter  byte
	sheet      string
	layout     layout
	headerLine int
	report     int // index of the file's report
}

// prepare hashes a file, detects its dialect and maps its header, without
// touching the database. Errors name the file.
func prepare(path string, opts Options, m Mapping) (*input, error) {
	in := &input{path: path, name: filepath.Base(path)}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := sha256.New()
	check := dialect.NewUTF8Checker()
	if in.size, err = io.Copy(io.MultiWriter(h, check), f); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	in.hash = hex.EncodeToString(h.Sum(nil))
	if in.size == 0 {
		return nil, &HeaderError{File: path, Msg: "the file is empty"}
	}
	in.xlsx = strings.EqualFold(filepath.Ext(path), ".xlsx") || strings.EqualFold(filepath.Ext(path), ".xlsm")
	if in.xlsx {
		in.encoding = dialect.EncodingXLSX
	} else {
		in.encoding = opts.Encoding
		if in.encoding == "" {
			in.encoding = check.Encoding()
		} else if (in.encoding == dialect.EncodingUTF8 || in.encoding == dialect.EncodingUTF8BOM) && check.InvalidAt() >= 0 {
			return nil, &HeaderError{File: path, Msg: fmt.Sprintf(
				"not valid UTF-8 at byte %d; try --encoding windows-1252", check.InvalidAt())}
		}
	}
	src, err := openSource(in, opts)
	if err != nil {
		return nil, err
	}
	defer src.close()
	in.layout, err = resolveLayout(path, src.header, opts.Kind, m)
	if err != nil {
		return nil, err
	}
	in.headerLine = src.headerLine
	return in, nil
}

// source yields a file's records after its header.
type source struct {
	header     []string
	headerLine int
	next       func() (dialect.Record, *dialect.MalformedError, error)
	close      func() error
	done       func() int64 // bytes (CSV) or rows (XLSX) read so far
	total      int64
}

// openSource opens a CSV/TXT or XLSX file positioned after its header.
func openSource(in *input, opts Options) (*source, error) {
	if in.xlsx {
		return openXLSX(in, opts)
	}
	if in.delimiter == 0 {
		in.delimiter = opts.Delimiter
	}
	if in.delimiter == 0 {
		d, err := sniffFile(in)
		if err != nil {
			return nil, err
		}
		in.delimiter = d
	}
	f, err := os.Open(in.path)
	if err != nil {
		return nil, err
	}
	cr := &countingReader{r: f}
	rr := dialect.NewRecordReader(dialect.Decode(cr, in.encoding), in.delimiter)
	src := &source{done: cr.n.Load, total: in.size}
	for {
		rec, err := rr.Read()
		if errors.Is(err, io.EOF) {
			f.Close()
			return nil, &HeaderError{File: in.path, Msg: "no header row"}
		}
		var me *dialect.MalformedError
		if errors.As(err, &me) {
			f.Close()
			return nil, &HeaderError{File: in.path, Msg: "header: " + me.Error()}
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("%s: %w", in.path, err)
		}
		src.header = append([]string(nil), rec.Fields...)
		src.headerLine = rec.Line
		break
	}
	p := &prefetcher{rr: rr, stop: make(chan struct{})}
	src.next = p.next
	src.close = func() error {
		p.halt()
		return f.Close()
	}
	return src, nil
}

// prefetcher decodes and splits records in a goroutine, a batch ahead of
// the validation and appending, so that reading a file uses two cores.
type prefetcher struct {
	rr      *dialect.RecordReader
	batches chan recordBatch
	stop    chan struct{}
	cur     recordBatch
	i       int
}

// recordBatch is up to prefetchBatch records; malformed[i] is set for a
// broken record; err (io.EOF at the end) follows the records.
type recordBatch struct {
	recs      []dialect.Record
	malformed []*dialect.MalformedError
	err       error
}

const prefetchBatch = 4096

func (p *prefetcher) run() {
	defer close(p.batches)
	var fields []string // backing array of the batch's records' fields
	for {
		b := recordBatch{recs: make([]dialect.Record, 0, prefetchBatch), malformed: make([]*dialect.MalformedError, 0, prefetchBatch)}
		for len(b.recs) < prefetchBatch && b.err == nil {
			rec, err := p.rr.Read()
			var me *dialect.MalformedError
			switch {
			case errors.As(err, &me):
				b.recs = append(b.recs, dialect.Record{Line: me.Line})
				b.malformed = append(b.malformed, me)
			case err != nil:
				b.err = err
			default:
				// The reader reuses its slice: copy the fields into a
				// backing array shared by many records rather than one
				// allocation per record.
				if cap(fields)-len(fields) < len(rec.Fields) {
					fields = make([]string, 0, prefetchBatch*max(len(rec.Fields), 8))
				}
				start := len(fields)
				fields = append(fields, rec.Fields...)
				rec.Fields = fields[start:len(fields):len(fields)]
				b.recs = append(b.recs, rec)
				b.malformed = append(b.malformed, nil)
			}
		}
		select {
		case p.batches <- b:
		case <-p.stop:
			return
		}
		if b.err != nil {
			return
		}
	}
}

func (p *prefetcher) next() (dialect.Record, *dialect.MalformedError, error) {
	if p.batches == nil {
		p.batches = make(chan recordBatch, 2)
		go p.run()
	}
	for p.i >= len(p.cur.recs) {
		if p.cur.err != nil {
			return dialect.Record{}, nil, p.cur.err
		}
		b, ok := <-p.batches
		if !ok {
			return dialect.Record{}, nil, io.EOF
		}
		p.cur, p.i = b, 0
	}
	p.i++
	return p.cur.recs[p.i-1], p.cur.malformed[p.i-1], nil
}

// halt stops the goroutine and waits for it, so that the file can be closed.
func (p *prefetcher) halt() {
	close(p.stop)
	if p.batches != nil {
		for range p.batches {
		}
	}
}

// sniffFile detects the delimiter from the first 64 KiB of decoded text.
func sniffFile(in *input) (byte, error) {
	f, err := os.Open(in.path)
	if err != nil {
		return 0, err
	}
	defer f.Close()
	sample := make([]byte, 64<<10)
	n, err := io.ReadFull(dialect.Decode(f, in.encoding), sample)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return 0, fmt.Errorf("%s: %w", in.path, err)
	}
	return dialect.SniffDelimiter(sample[:n], n == len(sample)), nil
}

// countingReader counts the bytes read, for the progress bar (read from
// another goroutine than the reading one).
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// openXLSX reads the first sheet (or opts.Sheet). Cells are read raw, so a
// date cell gives its serial number, which date columns convert; a row
// shorter than the header gets empty cells.
func openXLSX(in *input, opts Options) (*source, error) {
	wb, err := excelize.OpenFile(in.path)
	if err != nil {
		return nil, &HeaderError{File: in.path, Msg: fmt.Sprintf("not a readable XLSX workbook: %v", err)}
	}
	sheets := wb.GetSheetList()
	in.sheet = opts.Sheet
	if in.sheet == "" && len(sheets) > 0 {
		in.sheet = sheets[0]
	}
	found := false
	for _, s := range sheets {
		found = found || s == in.sheet
	}
	if !found {
		wb.Close()
		return nil, &HeaderError{File: in.path, Msg: fmt.Sprintf("no sheet %q (sheets: %s)", in.sheet, strings.Join(sheets, ", "))}
	}
	rows, err := wb.Rows(in.sheet)
	if err != nil {
		wb.Close()
		return nil, fmt.Errorf("%s sheet %s: %w", in.path, in.sheet, err)
	}
	// row is read by the progress bar while the parse goroutine advances it.
	var row atomic.Int64
	read := func() ([]string, bool, error) {
		for rows.Next() {
			row.Add(1)
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				return nil, false, fmt.Errorf("%s sheet %s row %d: %w", in.path, in.sheet, row.Load(), err)
			}
			blank := true
			for _, c := range cells {
				blank = blank && strings.TrimSpace(c) == ""
			}
			if !blank {
				return cells, true, nil
			}
		}
		return nil, false, rows.Error()
	}
	src := &source{
		close: func() error { rows.Close(); return wb.Close() },
		done:  row.Load,
	}
	if dim, err := wb.GetSheetDimension(in.sheet); err == nil {
		if _, last, err := excelize.CellNameToCoordinates(lastCell(dim)); err == nil {
			src.total = int64(last)
		}
	}
	header, ok, err := read()
	if err != nil || !ok {
		src.close()
		if err == nil {
			err = &HeaderError{File: in.path, Msg: fmt.Sprintf("sheet %s has no header row", in.sheet)}
		}
		return nil, err
	}
	src.header, src.headerLine = header, int(row.Load())
	width := len(header)
	src.next = func() (dialect.Record, *dialect.MalformedError, error) {
		cells, ok, err := read()
		if err != nil {
			return dialect.Record{}, nil, err
		}
		if !ok {
			return dialect.Record{}, nil, io.EOF
		}
		// A fresh slice per row: rows are parsed in other goroutines.
		buf := append(make([]string, 0, max(width, len(cells))), cells...)
		for len(buf) < width {
			buf = append(buf, "")
		}
		// Trailing empty cells beyond the header are formatting, not data.
		for len(buf) > width && strings.TrimSpace(buf[len(buf)-1]) == "" {
			buf = buf[:len(buf)-1]
		}
		return dialect.Record{Line: int(row.Load()), Fields: buf}, nil, nil
	}
	return src, nil
}

func lastCell(dim string) string {
	if i := strings.IndexByte(dim, ':'); i >= 0 {
		return dim[i+1:]
	}
	return dim
}

// rawRow rebuilds a record for the quarantine table, identity codes masked.
func rawRow(fields []string, delim byte) string {
	var b bytes.Buffer
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(delim)
		}
		if strings.ContainsAny(f, "\"\n\r") || strings.IndexByte(f, delim) >= 0 {
			b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
		} else {
			b.WriteString(f)
		}
	}
	return maskIdentityCodes(b.String())
}
