package analysis

import (
	"context"
	"database/sql"
	_ "embed"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/linkki-fi/linkki/internal/project"
)

var (
	//go:embed sql/results.sql
	resultsDDL string
	//go:embed sql/mixed_models.sql
	mixedModelsDDL string
	//go:embed sql/attrition.sql
	attritionDDL string
	//go:embed sql/analysis_runs.sql
	analysisRunsDDL string
	//go:embed sql/ingest_files_read.sql
	ingestFilesQuery string
)

// readInputFiles lists the ingested files with their hashes.
func readInputFiles(ctx context.Context, db *sql.DB) ([]project.FileRecord, error) {
	rows, err := db.QueryContext(ctx, ingestFilesQuery)
	if err != nil {
		return nil, fmt.Errorf("read ingest_files: %w", err)
	}
	defer rows.Close()
	files := []project.FileRecord{}
	for rows.Next() {
		var f project.FileRecord
		if err := rows.Scan(&f.Path, &f.SHA256, &f.Kind, &f.Rows, &f.Bytes); err != nil {
			return nil, fmt.Errorf("read ingest_files: %w", err)
		}
		files = append(files, f)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read ingest_files: %w", err)
	}
	return files, nil
}

// store replaces the results, mixed_models and attrition tables and adds the
// run to analysis_runs, all in one transaction, so a failure leaves the
// previous analysis in place.
func store(ctx context.Context, db *sql.DB, out *Output) (err error) {
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store analysis: %w", err)
	}
	defer func() {
		if err != nil {
			tx.Rollback()
		}
	}()
	tables := []struct {
		name, ddl string
		rows      reflect.Value
	}{
		{"results", resultsDDL, reflect.ValueOf(out.Results)},
		{"mixed_models", mixedModelsDDL, reflect.ValueOf(out.MixedModels)},
		{"attrition", attritionDDL, reflect.ValueOf(out.Attrition)},
	}
	for _, t := range tables {
		if err := insertRows(ctx, tx, t.name, t.ddl, t.rows); err != nil {
			return err
		}
	}
	manifest, err := json.Marshal(out.Manifest)
	if err != nil {
		return fmt.Errorf("store analysis manifest: %w", err)
	}
	if _, err := tx.ExecContext(ctx, analysisRunsDDL); err != nil {
		return fmt.Errorf("create analysis_runs: %w", err)
	}
	if _, err := tx.ExecContext(ctx, "INSERT INTO analysis_runs VALUES (?, ?)", out.Manifest.CreatedAt, string(manifest)); err != nil {
		return fmt.Errorf("insert analysis_runs: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store analysis: %w", err)
	}
	return nil
}

// insertRows (re)creates a table and inserts rows, a slice of structs whose
// JSON field names are the table's columns in order.
func insertRows(ctx context.Context, tx *sql.Tx, table, ddl string, rows reflect.Value) error {
	if _, err := tx.ExecContext(ctx, ddl); err != nil {
		return fmt.Errorf("create %s: %w", table, err)
	}
	if rows.Len() == 0 {
		return nil
	}
	cols, _ := columnValues(rows.Index(0))
	quoted := make([]string, len(cols))
	for i, c := range cols {
		quoted[i] = `"` + c + `"`
	}
	stmt, err := tx.PrepareContext(ctx, fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)",
		table, strings.Join(quoted, ", "), strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")))
	if err != nil {
		return fmt.Errorf("insert %s: %w", table, err)
	}
	defer stmt.Close()
	for i := 0; i < rows.Len(); i++ {
		_, vals := columnValues(rows.Index(i))
		if _, err := stmt.ExecContext(ctx, vals...); err != nil {
			return fmt.Errorf("insert %s row %d: %w", table, i+1, err)
		}
	}
	return nil
}

// columnValues flattens a row struct (embedded structs included) into its
// JSON field names and database values: nil pointers are NULL, lists and
// structs are JSON text.
func columnValues(v reflect.Value) (cols []string, vals []any) {
	t := v.Type()
	for i := 0; i < t.NumField(); i++ {
		f, fv := t.Field(i), v.Field(i)
		if f.Anonymous {
			c, vs := columnValues(fv)
			cols, vals = append(cols, c...), append(vals, vs...)
			continue
		}
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if name == "" || name == "-" {
			continue
		}
		cols = append(cols, name)
		switch fv.Kind() {
		case reflect.Pointer:
			if fv.IsNil() {
				vals = append(vals, nil)
			} else {
				vals = append(vals, fv.Elem().Interface())
			}
		case reflect.Slice, reflect.Struct, reflect.Map:
			b, _ := json.Marshal(fv.Interface()) // plain data: cannot fail
			vals = append(vals, string(b))
		case reflect.Int:
			vals = append(vals, fv.Int())
		default:
			vals = append(vals, fv.Interface())
		}
	}
	return cols, vals
}
