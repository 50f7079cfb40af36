package transform

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
)

// model is one SQL model: a file NAME.sql holding exactly one
// CREATE OR REPLACE TABLE NAME AS <query> or CREATE OR REPLACE VIEW NAME AS
// <query>. A view suits a large table that nothing in linkki reads: it is
// computed when an evaluator queries it instead of being written on every
// build.
type model struct {
	name  string
	file  string
	sql   string   // the whole statement, run as is
	query string   // the SELECT after AS, parsed for table references
	view  bool     // CREATE OR REPLACE VIEW
	deps  []string // the models the query reads, sorted
	// readsSettings marks the settings tables, whose statement takes the
	// settings JSON as its one parameter.
	readsSettings bool
}

var modelStatement = regexp.MustCompile(`(?is)^\s*(?:--[^\n]*\n\s*)*CREATE\s+OR\s+REPLACE\s+(TABLE|VIEW)\s+([a-z_][a-z0-9_]*)\s+AS\s+(.*?)[\s;]*$`)

// loadModels reads every *.sql file of fsys (other files, such as a README,
// are documentation) and checks that each holds one statement creating the
// table it is named after.
func loadModels(fsys fs.FS) ([]model, error) {
	files, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("list models: %w", err)
	}
	models := make([]model, 0, len(files))
	for _, file := range files {
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("read model %s: %w", file, err)
		}
		name := strings.TrimSuffix(path.Base(file), ".sql")
		m := modelStatement.FindStringSubmatch(string(b))
		if m == nil {
			return nil, fmt.Errorf("model %s: expected one statement CREATE OR REPLACE TABLE (or VIEW) %s AS SELECT …", file, name)
		}
		if !strings.EqualFold(m[2], name) {
			return nil, fmt.Errorf("model %s creates %s %s; a model must be named after its table", file, strings.ToLower(m[1]), m[2])
		}
		models = append(models, model{name: name, file: file, sql: string(b), query: m[3], view: strings.EqualFold(m[1], "VIEW")})
	}
	return models, nil
}

// resolve finds each model's dependencies from the tables its query reads,
// as DuckDB's own parser sees them (json_serialize_sql), and returns the
// models in dependency order. inputs are the tables that exist before the
// models run (raw layer, build settings). A reference to a table that is
// neither an input, a model nor a CTE of the same query, and a cycle, are
// errors.
func resolve(ctx context.Context, q querier, models []model, inputs []string) ([]model, error) {
	isModel := make(map[string]bool, len(models))
	for _, m := range models {
		isModel[m.name] = true
	}
	known := make(map[string]bool, len(inputs))
	for _, in := range inputs {
		known[in] = true
	}
	for i := range models {
		refs, ctes, err := tableReferences(ctx, q, models[i].query)
		if err != nil {
			return nil, fmt.Errorf("model %s: %w", models[i].file, err)
		}
		deps := map[string]bool{}
		for _, ref := range refs {
			switch {
			case ctes[ref]: // defined by the query itself
			case isModel[ref]:
				deps[ref] = true
			case known[ref]: // a raw table or a settings table
			default:
				return nil, fmt.Errorf("model %s reads table %q, which is neither a model, a raw table nor a build setting", models[i].file, ref)
			}
		}
		models[i].deps = sortedKeys(deps)
	}
	return topoSort(models)
}

// topoSort orders models so that each comes after its dependencies; among
// models whose dependencies are met, alphabetically, so the order is stable.
func topoSort(models []model) ([]model, error) {
	pending := make(map[string]model, len(models))
	for _, m := range models {
		pending[m.name] = m
	}
	done := make(map[string]bool, len(models))
	ordered := make([]model, 0, len(models))
	for len(pending) > 0 {
		var ready []string
		for name, m := range pending {
			if allDone(m.deps, done) {
				ready = append(ready, name)
			}
		}
		if len(ready) == 0 {
			return nil, fmt.Errorf("models depend on each other in a cycle: %s", strings.Join(sortedKeys(keysOf(pending)), ", "))
		}
		sort.Strings(ready)
		for _, name := range ready {
			ordered = append(ordered, pending[name])
			done[name] = true
			delete(pending, name)
		}
	}
	return ordered, nil
}

func allDone(deps []string, done map[string]bool) bool {
	for _, d := range deps {
		if !done[d] {
			return false
		}
	}
	return true
}

// querier is what both *sql.DB and *sql.Tx offer.
type querier interface {
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// tableReferences returns the base tables a query reads and the names of the
// CTEs it defines, lower-cased, using DuckDB's parser.
func tableReferences(ctx context.Context, q querier, query string) (refs []string, ctes map[string]bool, err error) {
	var tree string
	if err := q.QueryRowContext(ctx, `SELECT json_serialize_sql(?::VARCHAR)::VARCHAR`, query).Scan(&tree); err != nil {
		return nil, nil, fmt.Errorf("parse: %w", err)
	}
	var parsed struct {
		Error        bool              `json:"error"`
		ErrorMessage string            `json:"error_message"`
		Statements   []json.RawMessage `json:"statements"`
	}
	if err := json.Unmarshal([]byte(tree), &parsed); err != nil {
		return nil, nil, fmt.Errorf("parse tree: %w", err)
	}
	if parsed.Error {
		return nil, nil, fmt.Errorf("parse: %s", parsed.ErrorMessage)
	}
	if len(parsed.Statements) != 1 {
		return nil, nil, fmt.Errorf("expected one SELECT after AS, found %d statements", len(parsed.Statements))
	}
	var root any
	if err := json.Unmarshal(parsed.Statements[0], &root); err != nil {
		return nil, nil, fmt.Errorf("parse tree: %w", err)
	}
	seen := map[string]bool{}
	ctes = map[string]bool{}
	walkTree(root, func(node map[string]any) {
		if node["type"] == "BASE_TABLE" {
			if name, ok := node["table_name"].(string); ok {
				seen[strings.ToLower(name)] = true
			}
		}
		if cm, ok := node["cte_map"].(map[string]any); ok {
			entries, _ := cm["map"].([]any)
			for _, e := range entries {
				if entry, ok := e.(map[string]any); ok {
					if key, ok := entry["key"].(string); ok {
						ctes[strings.ToLower(key)] = true
					}
				}
			}
		}
	})
	return sortedKeys(seen), ctes, nil
}

func walkTree(v any, visit func(map[string]any)) {
	switch t := v.(type) {
	case map[string]any:
		visit(t)
		for _, child := range t {
			walkTree(child, visit)
		}
	case []any:
		for _, child := range t {
			walkTree(child, visit)
		}
	}
}

func sortedKeys(set map[string]bool) []string {
	out := make([]string, 0, len(set))
	for k := range set {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func keysOf(m map[string]model) map[string]bool {
	out := make(map[string]bool, len(m))
	for k := range m {
		out[k] = true
	}
	return out
}
