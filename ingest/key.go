package ingest

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/linkki-fi/linkki/internal/project"
)

// ErrWrongKey means the pseudonym key differs from the one the database was
// built with: pseudonyms made with it would not link to the stored ones.
var ErrWrongKey = errors.New("the pseudonym key is not the one this database was built with")

// KeyEnv names the environment variable that overrides the key file.
const KeyEnv = "LINKKI_KEY"

// Key is the per-project secret of the client pseudonyms.
type Key struct {
	secret []byte
	// Source says where the key came from, for messages: "LINKKI_KEY" or
	// the key file's path.
	Source string
	// Created is true when the key file was created by this call.
	Created bool
}

// Fingerprint identifies the key without revealing it: the first 16 hex
// digits of SHA-256("linkki pseudonym key" ‖ secret). The database stores it
// in project_meta.
func (k Key) Fingerprint() string {
	h := sha256.Sum256(append([]byte("linkki pseudonym key\x00"), k.secret...))
	return hex.EncodeToString(h[:8])
}

// DefaultKeyFile is the key's home when settings name none: the user's
// configuration directory, never beside the database, so that a database
// copied elsewhere does not carry the means to re-identify it.
func DefaultKeyFile() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("pseudonym key: no user configuration directory (%w); set pseudonym.key_file or %s", err, KeyEnv)
	}
	return filepath.Join(dir, "linkki", "key"), nil
}

// LoadKey returns the pseudonym key: LINKKI_KEY when set, else the key file
// (settings pseudonym.key_file, default DefaultKeyFile). When create is true
// a missing key file is created with 32 random bytes and mode 0600; when
// false (the database already has a key) a missing file is an error, since a
// new key could not link to the stored pseudonyms.
func LoadKey(s project.Settings, create bool) (Key, error) {
	return loadKey(s, create, false)
}

func loadKey(s project.Settings, create, ignoreEnv bool) (Key, error) {
	if v := os.Getenv(KeyEnv); v != "" && !ignoreEnv {
		return Key{secret: []byte(v), Source: KeyEnv}, nil
	}
	path := s.Pseudonym.KeyFile
	if path == "" {
		var err error
		if path, err = DefaultKeyFile(); err != nil {
			return Key{}, err
		}
	}
	b, err := os.ReadFile(path)
	if err == nil {
		secret, derr := hex.DecodeString(strings.TrimSpace(string(b)))
		if derr != nil || len(secret) < 16 {
			return Key{}, fmt.Errorf("pseudonym key file %s: expected at least 32 hex digits", path)
		}
		return Key{secret: secret, Source: path}, nil
	}
	if !errors.Is(err, os.ErrNotExist) {
		return Key{}, fmt.Errorf("pseudonym key: %w", err)
	}
	if !create {
		return Key{}, fmt.Errorf("%w: the key file %s does not exist; restore it from your backup or set %s", ErrWrongKey, path, KeyEnv)
	}
	secret := make([]byte, 32)
	if _, err := rand.Read(secret); err != nil {
		return Key{}, fmt.Errorf("pseudonym key: %w", err)
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		return Key{}, fmt.Errorf("pseudonym key: %w", err)
	}
	// O_EXCL: two first runs at once must not both write a key.
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return Key{}, fmt.Errorf("pseudonym key: %w", err)
	}
	if _, err := f.WriteString(hex.EncodeToString(secret) + "\n"); err != nil {
		f.Close()
		return Key{}, fmt.Errorf("pseudonym key %s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return Key{}, fmt.Errorf("pseudonym key %s: %w", path, err)
	}
	return Key{secret: secret, Source: path, Created: true}, nil
}

// KeyCreatedMessage is what a user must read when a new key was made.
func KeyCreatedMessage(k Key) string {
	return fmt.Sprintf("created a new pseudonym key in %s (mode 0600). Back it up somewhere safe: "+
		"without this key, files ingested later cannot be linked to the clients already in the database.", k.Source)
}

// checkKey records the key's fingerprint in a new database and refuses a
// different key for an existing one.
func checkKey(ctx context.Context, q queryer, k Key) error {
	var stored string
	err := q.QueryRowContext(ctx, `SELECT value FROM project_meta WHERE key = 'key_fingerprint'`).Scan(&stored)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		_, err = q.ExecContext(ctx, `INSERT INTO project_meta VALUES ('key_fingerprint', ?)`, k.Fingerprint())
		return err
	case err != nil:
		return err
	case stored != k.Fingerprint():
		return fmt.Errorf("%w: the database has key fingerprint %s, the key from %s has %s; "+
			"use the original key (%s or pseudonym.key_file) or a new database", ErrWrongKey, stored, k.Source, k.Fingerprint(), KeyEnv)
	}
	return nil
}

// queryer is what *sql.DB, *sql.Conn and *sql.Tx share.
type queryer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}
