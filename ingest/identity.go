package ingest

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"strings"

	"github.com/linkki-fi/linkki/data"
)

// identityCode is what linkki keeps of a valid Finnish personal identity code
// (henkilötunnus): the birth year and gender derived from it. The code itself
// is only ever hashed (pseudonym) or masked.
type identityCode struct {
	birthYear int
	gender    string // female | male
}

// checkChars maps DDMMYYNNN mod 31 to the check character; G, I, O, Q and Z
// are left out (DVV, see shared/notes/domain-facts.md §5.3).
const checkChars = "0123456789ABCDEFHJKLMNPRSTUVWXY"

// centuries maps the separator to the century of birth, including the signs
// added on 1.1.2023 (Y X W V U for the 1900s, B C D E F for the 2000s).
var centuries = map[byte]int{
	'+': 1800,
	'-': 1900, 'Y': 1900, 'X': 1900, 'W': 1900, 'V': 1900, 'U': 1900,
	'A': 2000, 'B': 2000, 'C': 2000, 'D': 2000, 'E': 2000, 'F': 2000,
}

// looksLikeIdentityCode reports whether s has the shape DDMMYY?NNN? of an
// identity code (any separator, any last character), so that a mistyped code
// is quarantined as an invalid code, and masked, rather than taken as an
// ordinary client number.
func looksLikeIdentityCode(s string) bool {
	if len(s) != 11 {
		return false
	}
	for i := 0; i < 11; i++ {
		c := s[i]
		digit := c >= '0' && c <= '9'
		switch {
		case i < 6 || (i >= 7 && i < 10):
			if !digit {
				return false
			}
		case i == 6:
			if !(c == '+' || c == '-' || (c|0x20 >= 'a' && c|0x20 <= 'z')) {
				return false
			}
		default:
			if !(digit || (c|0x20 >= 'a' && c|0x20 <= 'z')) {
				return false
			}
		}
	}
	return true
}

// parseIdentityCode validates an identity code (letters in any case): the
// century sign, that the birth date exists, and the check character.
// Individual numbers 900–999 (temporary codes) are accepted.
func parseIdentityCode(s string) (identityCode, bool) {
	if !looksLikeIdentityCode(s) {
		return identityCode{}, false
	}
	s = strings.ToUpper(s)
	century, ok := centuries[s[6]]
	if !ok {
		return identityCode{}, false
	}
	dd, _ := atoiDigits(s[0:2])
	mm, _ := atoiDigits(s[2:4])
	yy, _ := atoiDigits(s[4:6])
	if _, ok := makeDate(century+yy, mm, dd); !ok {
		return identityCode{}, false
	}
	n, _ := atoiDigits(s[0:6] + s[7:10])
	if checkChars[n%31] != s[10] {
		return identityCode{}, false
	}
	individual, _ := atoiDigits(s[7:10])
	gender := "female"
	if individual%2 == 1 {
		gender = "male"
	}
	return identityCode{birthYear: century + yy, gender: gender}, true
}

// maskIdentityCode shows the date, sign and first digit only: 010190-9***.
func maskIdentityCode(s string) string {
	if len(s) < 8 {
		return "***"
	}
	return s[:8] + "***"
}

// maskIdentityCodes masks every identity-code-shaped run of characters in s,
// for quarantine messages and raw rows where a code may sit in any column.
func maskIdentityCodes(s string) string {
	if len(s) < 11 {
		return s
	}
	var b []byte
	for i := 0; i+11 <= len(s); i++ {
		if s[i] < '0' || s[i] > '9' || (i > 0 && isAlnum(s[i-1])) {
			continue
		}
		if looksLikeIdentityCode(s[i:i+11]) && (i+11 == len(s) || !isAlnum(s[i+11])) {
			if b == nil {
				b = []byte(s)
			}
			copy(b[i+8:i+11], "***")
			i += 10
		}
	}
	if b == nil {
		return s
	}
	return string(b)
}

func isAlnum(c byte) bool {
	return (c >= '0' && c <= '9') || (c|0x20 >= 'a' && c|0x20 <= 'z')
}

// pseudonymizer turns client ids into keyed pseudonyms:
// hex(HMAC-SHA-256(key, canonical id)). Identity codes are upper-cased first
// so that 010190-900p and 010190-900P link; other ids are used as given
// (trimmed). Not safe for concurrent use.
type pseudonymizer struct {
	mac hash.Hash
	buf []byte
}

func newPseudonymizer(key []byte) *pseudonymizer {
	return &pseudonymizer{mac: hmac.New(sha256.New, key)}
}

func (p *pseudonymizer) pseudonym(canonicalID string) string {
	p.mac.Reset()
	p.mac.Write([]byte(canonicalID))
	p.buf = p.mac.Sum(p.buf[:0])
	return hex.EncodeToString(p.buf)
}

// clientID is the result of reading a client_id cell.
type clientID struct {
	pseudonym string
	identity  *identityCode // non-nil when the id was a valid identity code
}

// parseClientID validates and pseudonymises a client_id. The error message
// never contains the code itself, only its mask.
func (p *pseudonymizer) parseClientID(column, s string) (clientID, *fieldError) {
	s = strings.TrimSpace(s)
	if looksLikeIdentityCode(s) {
		ic, ok := parseIdentityCode(s)
		if !ok {
			return clientID{}, fieldErrorf(column, data.ReasonInvalidIdentityCode,
				"%s is not a valid personal identity code (century sign, date or check character)", maskIdentityCode(s))
		}
		return clientID{pseudonym: p.pseudonym(strings.ToUpper(s)), identity: &ic}, nil
	}
	return clientID{pseudonym: p.pseudonym(s)}, nil
}
