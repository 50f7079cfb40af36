package ingest

import (
	"fmt"
	"testing"
)

// TestStringTable checks the referral index's hash table: entries are
// numbered in insertion order, found after the table grows, and absent
// strings (including prefixes and extensions of stored ones) are not found.
func TestStringTable(t *testing.T) {
	for _, n := range []int{0, 1, 7, 1000} {
		t.Run(fmt.Sprint(n), func(t *testing.T) {
			tab := newStringTable(n/4, 0) // too small on purpose: it must grow
			for i := range n {
				if got := tab.add(fmt.Sprintf("HL%07d", i)); got != int32(i) {
					t.Fatalf("add #%d gave entry %d", i, got)
				}
			}
			for i := range n {
				s := fmt.Sprintf("HL%07d", i)
				if got := tab.find(s); got != int32(i) {
					t.Fatalf("find(%q) = %d, want %d", s, got, i)
				}
				if got := tab.key(int32(i)); got != s {
					t.Fatalf("key(%d) = %q, want %q", i, got, s)
				}
			}
			for _, s := range []string{"", "HL", "HL000000", "HL00000000", fmt.Sprintf("HL%07d", n)} {
				if got := tab.find(s); got != -1 {
					t.Errorf("find(%q) = %d, want -1", s, got)
				}
			}
		})
	}
}
