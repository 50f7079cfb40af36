// Command rawload is the baseline of bench/ingest: it loads CSV files into
// DuckDB tables with plain read_csv, every column as text, no checks, with
// the same database settings linkki uses. Usage:
//
//	rawload -db FILE CSV...
//
// Windows-1252 files are read as latin-1 (DuckDB has no Windows-1252 reader
// offline; the synthetic files use no byte that differs between the two).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/linkki-fi/linkki/internal/project"
)

func main() {
	dbPath := flag.String("db", "rawload.duckdb", "database file")
	latin1 := flag.String("latin1", "", "comma-separated base names to read as latin-1")
	flag.Parse()
	ctx := context.Background()
	db, err := project.Open(ctx, *dbPath, project.Default(), project.ReadWrite)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer db.Close()
	for i, path := range flag.Args() {
		enc := "utf-8"
		for _, n := range strings.Split(*latin1, ",") {
			if n != "" && strings.HasSuffix(path, n) {
				enc = "latin-1"
			}
		}
		start := time.Now()
		q := fmt.Sprintf(`CREATE TABLE raw_%d AS SELECT * FROM read_csv('%s', all_varchar = true, header = true, encoding = '%s')`,
			i, strings.ReplaceAll(path, "'", "''"), enc)
		if _, err := db.ExecContext(ctx, q); err != nil {
			fmt.Fprintf(os.Stderr, "rawload %s: %v\n", path, err)
			os.Exit(1)
		}
		var n int64
		db.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM raw_%d`, i)).Scan(&n)
		fmt.Printf("%s: %d rows in %s\n", path, n, time.Since(start).Round(time.Millisecond))
	}
}
