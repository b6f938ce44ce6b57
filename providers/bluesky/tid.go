package bluesky

import (
	"crypto/sha256"
	"encoding/binary"
	"time"
)

// tidAlphabet is base32-sortable, the alphabet of TIDs.
const tidAlphabet = "234567abcdefghijklmnopqrstuvwxyz"

// tidEpoch is where keys of actions without a creation time are placed.
var tidEpoch = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// rkeyFor is the record key of the record an action creates: a valid TID
// (the PDS requires one for posts, likes and blocks) derived from the
// idempotency key alone, plus the action's creation time so keys sort
// roughly by time. A retry of the same action therefore writes the same
// key: putRecord with swapRecord null refuses to overwrite, and Check
// finds the record by key, so nothing is ever posted twice.
//
// Layout (64 bits): 0 | 53 bits of microseconds | 10 bits of clock id.
// The milliseconds come from created; the microseconds within the
// millisecond and the clock id come from the key's hash.
func rkeyFor(key string, created time.Time) string {
	h := sha256.Sum256([]byte("cmdeck-rkey:" + key))
	n := binary.BigEndian.Uint64(h[:8])
	if created.IsZero() || created.Before(tidEpoch) {
		created = tidEpoch
	}
	micros := uint64(created.UnixMilli())*1000 + (n>>10)%1000
	v := (micros&(1<<53-1))<<10 | n&0x3ff
	return encodeTID(v)
}

// encodeTID writes v as 13 characters, most significant first.
func encodeTID(v uint64) string {
	var b [13]byte
	for i := 12; i >= 0; i-- {
		b[i] = tidAlphabet[v&31]
		v >>= 5
	}
	return string(b[:])
}
