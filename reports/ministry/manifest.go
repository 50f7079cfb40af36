package ministry

import "github.com/linkki-fi/linkki/internal/project"

// ErrNotBuilt means a table an export reads is missing: nothing was
// ingested, or linkki build has not run.
var ErrNotBuilt = project.ErrNotBuilt
