package transform

import (
	"bufio"
	"fmt"
	"io/fs"
	"path"
	"strings"
)

// Severities of a data check.
const (
	// SeverityError stops the pipeline: the tables cannot be trusted.
	SeverityError = "error"
	// SeverityWarning is reported in the report's data-quality section.
	SeverityWarning = "warning"
)

// check is one data check: a query returning the failing rows.
type check struct {
	name, severity, message, query string
}

// loadChecks reads every *.sql file of fsys. Each starts with the header
// comment lines "-- severity: error|warning" and "-- message: …".
func loadChecks(fsys fs.FS) ([]check, error) {
	files, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, fmt.Errorf("list checks: %w", err)
	}
	checks := make([]check, 0, len(files))
	for _, file := range files {
		b, err := fs.ReadFile(fsys, file)
		if err != nil {
			return nil, fmt.Errorf("read check %s: %w", file, err)
		}
		c := check{
			name:  strings.TrimSuffix(path.Base(file), ".sql"),
			query: strings.TrimRight(strings.TrimSpace(string(b)), ";"),
		}
		sc := bufio.NewScanner(strings.NewReader(c.query))
		for sc.Scan() {
			line := strings.TrimSpace(sc.Text())
			if !strings.HasPrefix(line, "--") {
				break
			}
			key, value, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "--")), ":")
			if !ok {
				continue
			}
			switch strings.TrimSpace(key) {
			case "severity":
				c.severity = strings.TrimSpace(value)
			case "message":
				c.message = strings.TrimSpace(value)
			}
		}
		if c.severity != SeverityError && c.severity != SeverityWarning {
			return nil, fmt.Errorf("check %s: header needs \"-- severity: error\" or \"-- severity: warning\", got %q", file, c.severity)
		}
		if c.message == "" {
			return nil, fmt.Errorf("check %s: header needs \"-- message: …\"", file)
		}
		checks = append(checks, c)
	}
	return checks, nil
}
