package demo

// Everything the demo network generates is a pure function of a few integers
// (seed, account, sequence number, day…): there is no stored state and no
// global random source, so a value can be recomputed on demand (a reply can
// look up its thread root without the root being in memory) and the same
// inputs always give the same network.

// Salts keep the draws for different properties of one item independent.
const (
	saltRoot uint64 = iota + 1
	saltOff
	saltParent
	saltOut
	saltKind
	saltLang
	saltCat
	saltAuthor
	saltText
	saltTime
	saltArrive
	saltWave
	saltHostile
	saltPost
	saltStats
	saltPeople
	saltDo
	saltSeed
	saltCrisis
)

// mix is the splitmix64 finalizer: a fast, well-spread 64-bit hash step.
func mix(x uint64) uint64 {
	x ^= x >> 30
	x *= 0xbf58476d1ce4e5b9
	x ^= x >> 27
	x *= 0x94d049bb133111eb
	x ^= x >> 31
	return x
}

// hash combines values into one well-spread key.
func hash(parts ...uint64) uint64 {
	h := uint64(0x9e3779b97f4a7c15)
	for _, p := range parts {
		h = mix(h ^ (p + 0x632be59bd9b4e019))
	}
	return h
}

// hashString is 64-bit FNV-1a, used to turn handles and keys into numbers.
func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// rng is a tiny deterministic generator (splitmix64) seeded from a hash.
type rng struct{ s uint64 }

func newRNG(parts ...uint64) *rng { return &rng{s: hash(parts...)} }

func (r *rng) next() uint64 {
	r.s += 0x9e3779b97f4a7c15
	return mix(r.s)
}

// float returns a value in [0, 1).
func (r *rng) float() float64 { return float64(r.next()>>11) / (1 << 53) }

// intn returns a value in [0, n); 0 when n <= 0.
func (r *rng) intn(n int) int {
	if n <= 0 {
		return 0
	}
	return int(r.next() % uint64(n))
}

// between returns a value in [lo, hi].
func (r *rng) between(lo, hi int) int {
	if hi <= lo {
		return lo
	}
	return lo + r.intn(hi-lo+1)
}

// unit is a one-shot draw in [0, 1) for the given key.
func unit(parts ...uint64) float64 { return newRNG(parts...).float() }

// pick returns one element of xs, or the zero value for an empty slice.
func pick[T any](r *rng, xs []T) T {
	var zero T
	if len(xs) == 0 {
		return zero
	}
	return xs[r.intn(len(xs))]
}

// weighted returns the index chosen by weights (which need not sum to 1).
func weighted(r *rng, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	if total <= 0 {
		return 0
	}
	x := r.float() * total
	for i, w := range weights {
		if x < w {
			return i
		}
		x -= w
	}
	return len(weights) - 1
}
