// Package data holds linkki's data definitions: the DDL of the raw layer that
// ingest fills (raw/*.sql), the SQL models that build turns it into
// (models/*.sql, one table per file), the shipped list of Finland's
// municipalities, and the demo dataset definition. The data dictionary
// (dictionary.md) documents every table and column for evaluators who query
// the database with their own tools.
package data

import "embed"

// Raw holds one CREATE TABLE statement per raw-layer table, named after it.
//
//go:embed raw/*.sql
var Raw embed.FS

// Models holds the transform models, one SELECT-producing table per file.
//
//go:embed models
var Models embed.FS
