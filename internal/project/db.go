package project

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// ErrDatabaseInUse is returned when another process holds the database's
// write lock. DuckDB allows one writing process per file.
var ErrDatabaseInUse = errors.New("database is in use by another linkki process")

// Mode says whether a command may write the database.
type Mode int

const (
	ReadWrite Mode = iota
	ReadOnly
)

// Open opens (creating if needed, in ReadWrite mode) the DuckDB database at
// path with the settings' thread and memory limits. Extension auto-install
// and auto-load are off: linkki must never reach for the network, and the
// extensions it uses (parquet, json, icu) are built in. path ":memory:" or ""
// opens an in-memory database, for tests.
func Open(ctx context.Context, path string, s Settings, mode Mode) (*sql.DB, error) {
	q := url.Values{}
	q.Set("autoinstall_known_extensions", "false")
	q.Set("autoload_known_extensions", "false")
	q.Set("allow_community_extensions", "false")
	q.Set("threads", strconv.Itoa(s.Database.Threads))
	if s.Database.MemoryLimit != "" {
		q.Set("memory_limit", s.Database.MemoryLimit)
	}
	if mode == ReadOnly {
		q.Set("access_mode", "READ_ONLY")
	}
	dsnPath := path
	if path == ":memory:" {
		dsnPath = ""
	}
	connector, err := duckdb.NewConnector(dsnPath+"?"+q.Encode(), nil)
	if err != nil {
		return nil, openError(path, err)
	}
	db := sql.OpenDB(connector)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, openError(path, err)
	}
	return db, nil
}

func openError(path string, err error) error {
	msg := err.Error()
	if strings.Contains(msg, "Could not set lock") || strings.Contains(msg, "Conflicting lock") {
		return fmt.Errorf("open %s: %w", path, ErrDatabaseInUse)
	}
	return fmt.Errorf("open %s: %w", path, err)
}
