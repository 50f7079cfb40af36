package project

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The example file documents the defaults; it must say exactly what Default does.
func TestExampleFileIsTheDefaults(t *testing.T) {
	s, err := Load(filepath.Join("..", "..", "linkki.example.toml"))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s, Default()) {
		t.Errorf("linkki.example.toml differs from Default():\n got %+v\nwant %+v", s, Default())
	}
}

func TestLoad(t *testing.T) {
	tests := []struct {
		name    string
		file    string
		wantErr string
		check   func(t *testing.T, s Settings)
	}{
		{name: "empty file gives defaults", file: "", check: func(t *testing.T, s Settings) {
			if !reflect.DeepEqual(s, Default()) {
				t.Error("not the defaults")
			}
		}},
		{name: "override one key", file: "[costs]\nhourly_rate_eur = 15.5\n", check: func(t *testing.T, s Settings) {
			if s.Costs.HourlyRateEUR != 15.5 || s.Costs.KmRateEUR["2024"] != 0.57 {
				t.Errorf("got %+v", s.Costs)
			}
		}},
		{name: "km table replaces defaults", file: "[costs.km_rate_eur]\n2027 = 0.60\n", check: func(t *testing.T, s Settings) {
			if len(s.Costs.KmRateEUR) != 1 || s.KmRates()[0] != (KmRate{2027, 0.60}) {
				t.Errorf("got %+v", s.Costs.KmRateEUR)
			}
		}},
		{name: "unknown key", file: "[costs]\nhourly_rate = 15\n", wantErr: `unknown key "costs.hourly_rate"`},
		{name: "bad reliability", file: "[outcomes]\nswemwbs_reliability = 1.2\n", wantErr: "swemwbs_reliability"},
		{name: "bad year", file: "[costs.km_rate_eur]\nnext = 0.5\n", wantErr: "not a year"},
		{name: "syntax", file: "[costs\n", wantErr: "settings"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "linkki.toml")
			if err := os.WriteFile(path, []byte(tt.file), 0o644); err != nil {
				t.Fatal(err)
			}
			s, err := Load(path)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, s)
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	if _, err := Load(filepath.Join(t.TempDir(), "nope.toml")); err == nil {
		t.Fatal("no error for a missing file")
	}
}
