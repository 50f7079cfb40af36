package data

import _ "embed"

// DemoDefinition is demo.toml: the seed, size and true improvement of the
// synthetic dataset that `linkki demo` generates (parsed by
// internal/synth.DemoOptions).
//
//go:embed demo.toml
var DemoDefinition []byte
