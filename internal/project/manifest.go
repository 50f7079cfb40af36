package project

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"time"
)

// Version is linkki's version, set at link time with
// -ldflags "-X github.com/linkki-fi/linkki/internal/project.Version=v1.2.3";
// otherwise it comes from the module build information.
var Version = ""

// LinkkiVersion reports the running version.
func LinkkiVersion() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}

// Manifest records what a run used and made, so that anyone can tell whether
// two outputs came from the same inputs and settings.
type Manifest struct {
	LinkkiVersion string           `json:"linkki_version"`
	CreatedAt     time.Time        `json:"created_at"`
	Command       string           `json:"command"`
	Settings      Settings         `json:"settings"`
	Inputs        []FileRecord     `json:"inputs"`
	RowCounts     map[string]int64 `json:"row_counts,omitempty"`
	Outputs       []FileRecord     `json:"outputs,omitempty"`
}

// FileRecord names a file with its SHA-256 and, for inputs, what ingest made
// of it.
type FileRecord struct {
	Path   string `json:"path"`
	SHA256 string `json:"sha256"`
	Kind   string `json:"kind,omitempty"`
	Rows   int64  `json:"rows,omitempty"`
	Bytes  int64  `json:"bytes,omitempty"`
}

// HashFile returns the hex SHA-256 and size of a file.
func HashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, fmt.Errorf("hash %s: %w", path, err)
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}

// WriteJSON writes the manifest, indented, to path.
func (m Manifest) WriteJSON(path string) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	return WriteFileAtomic(path, append(b, '\n'))
}

// WriteFileAtomic writes data to a temporary file beside path and renames it
// into place, so a reader never sees half a file and a failure leaves any
// earlier file untouched.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".linkki-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
