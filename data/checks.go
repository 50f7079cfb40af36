package data

import "embed"

// Checks holds the data checks run after every build, one query per file
// named after the check. A query returns the failing rows (none when the check
// passes); its header comment gives the severity (error stops the pipeline,
// warning reaches the report's data-quality section) and the message:
//
//	-- severity: error
//	-- message: more than one questionnaire is selected for …
//	SELECT …
//
//go:embed checks/*.sql
var Checks embed.FS
