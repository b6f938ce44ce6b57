package draw

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"cmdeck/core"
)

// Write prints the draw so that anyone can check it: the rules, the
// entrant list exactly as hashed (between its two marker lines), its
// SHA-256, the seed, how the winners follow from them, and the winners.
func (r Result) Write(w io.Writer) error {
	b := bufio.NewWriter(w)
	fmt.Fprintf(b, "Contest draw\n\nRules:\n")
	for _, line := range r.ruleLines() {
		fmt.Fprintf(b, "  - %s\n", line)
	}
	if len(r.LeftOut) > 0 {
		fmt.Fprintf(b, "\nLeft out:\n")
		for _, reason := range slices.Sorted(maps.Keys(r.LeftOut)) {
			fmt.Fprintf(b, "  - %s: %d\n", reason, r.LeftOut[reason])
		}
	}
	fmt.Fprintf(b, "\nEntrants (%d), one per line, network<TAB>handle; the hash is over these lines, each ending with a line feed:\n", len(r.Entrants))
	b.WriteString("-----BEGIN ENTRANTS-----\n")
	b.WriteString(ListText(r.Entrants))
	b.WriteString("-----END ENTRANTS-----\n\n")
	fmt.Fprintf(b, "SHA-256 of the entrant list: %s\n", r.SHA256)
	fmt.Fprintf(b, "Seed: %s\n", r.Seed)
	b.WriteString("Method: ChaCha8 (Go math/rand/v2) keyed with SHA-256(seed + list hash in hex); partial Fisher-Yates,\n" +
		"  for i = 0..winners-1 with m = entrants - i: draw 64-bit x until x < 2^64 - (2^64 mod m), swap i and i + x mod m.\n\n")
	fmt.Fprintf(b, "Winners (%d):\n", len(r.Winners))
	for i, win := range r.Winners {
		fmt.Fprintf(b, "%d. %s\n", i+1, win)
	}
	return b.Flush()
}

// ruleLines describe the rules in words.
func (r Result) ruleLines() []string {
	var out []string
	if !r.Rules.Deadline.IsZero() {
		out = append(out, "comments written before "+r.Rules.Deadline.Format(time.RFC3339))
	}
	if w := strings.TrimSpace(r.Rules.MustContain); w != "" {
		out = append(out, fmt.Sprintf("the comment contains %q (any case and accents)", w))
	}
	if len(r.Rules.ExcludeAuthors) > 0 {
		out = append(out, "excluded accounts: "+core.SanitizeLine(strings.Join(r.Rules.ExcludeAuthors, ", ")))
	}
	if r.Rules.OnePerPerson {
		out = append(out, "one entry per person and network")
	} else {
		out = append(out, "one entry per comment")
	}
	return out
}
