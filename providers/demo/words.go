package demo

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// words is the vocabulary shared by every brand: people's names, days,
// hours, emoji. Built once per generator so item generation allocates little.
type words struct {
	first, last map[string][]string
	days, hours map[string][]string
	emoji       []string
	bots        []string
	hostile     map[string][]string
	fold        *strings.Replacer
	vipSuffix   []string
}

func newWords() *words {
	return &words{
		first: map[string][]string{
			"fr": {"Camille", "Léa", "Lucas", "Hugo", "Chloé", "Manon", "Nathan", "Inès", "Jules", "Emma",
				"Louis", "Sarah", "Théo", "Zoé", "Mathis", "Jade", "Enzo", "Lina", "Maël", "Clara",
				"Karim", "Nadia", "Yasmine", "Sofiane", "Bastien", "Élodie", "Quentin", "Margot", "Aurélien", "Salomé"},
			"en": {"Olivia", "Jack", "Amelia", "Harry", "Isla", "Oscar", "Ava", "George", "Mia", "Noah",
				"Freya", "Leo", "Grace", "Arthur", "Ella", "Alfie", "Lily", "Charlie", "Ruby", "Finley",
				"Aisha", "Ravi", "Chloe", "Dylan", "Megan", "Connor", "Zara", "Ethan", "Niamh", "Callum"},
		},
		last: map[string][]string{
			"fr": {"Martin", "Bernard", "Durand", "Lefèvre", "Moreau", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Mercier", "Boyer"},
			"en": {"Smith", "Patel", "Jones", "Taylor", "Brown", "Walsh", "Evans", "Khan", "Murphy", "Hughes", "Clarke", "Lewis"},
		},
		days: map[string][]string{
			"fr": {"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"},
			"en": {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"},
		},
		hours: map[string][]string{
			"fr": {"7h", "7h30", "8h", "9h", "12h", "17h30", "18h", "19h30"},
			"en": {"7am", "7:30am", "8am", "9am", "noon", "5:30pm", "6pm", "7:30pm"},
		},
		emoji:     []string{"", "", "", "🙂", "😍", "👏", "🔥", "❤️", "💪", "🙌"},
		bots:      []string{"Crypto Gains 💰", "Cadeaux Officiels", "Trading Pro", "Promo Flash", "Followers Boost", "Lucky Winner"},
		hostile:   map[string][]string{"fr": hostileTexts("fr"), "en": hostileTexts("en")},
		vipSuffix: []string{"_officiel", "tv", "_live", "_blog", "_mag", "_life"},
		fold: strings.NewReplacer("é", "e", "è", "e", "ê", "e", "ë", "e", "É", "e", "à", "a", "â", "a",
			"ç", "c", "ï", "i", "î", "i", "ô", "o", "ö", "o", "ù", "u", "û", "u", "ü", "u", "'", "", " ", ""),
	}
}

// slotter fills template slots for one brand in one language.
type slotter struct {
	w     *words
	brand *brandProfile
}

// fill replaces every {slot} of text. Unknown slots are kept verbatim so a
// typo in a template shows up in tests instead of vanishing. The result
// starts with a capital, since a template may open with a slot.
func (s slotter) fill(r *rng, lang, text string) string {
	if !strings.Contains(text, "{") {
		return text
	}
	out := make([]byte, 0, len(text)+32)
	for {
		i := strings.IndexByte(text, '{')
		j := strings.IndexByte(text[max(i, 0):], '}')
		if i < 0 || j < 0 {
			out = append(out, text...)
			break
		}
		out = append(out, text[:i]...)
		name := text[i+1 : i+j]
		if v, ok := s.value(r, lang, name); ok {
			if lang == "fr" {
				out, v = frenchJoin(out, v)
			}
			out = append(out, v...)
		} else {
			out = append(out, text[i:i+j+1]...)
		}
		text = text[i+j+1:]
	}
	return capitalize(strings.TrimSpace(string(out)))
}

// frenchJoin applies the contractions French makes where a slot value meets
// the word before it: "de le" → "du", "à les" → "aux", "de Angers" → "d'Angers".
func frenchJoin(out []byte, v string) ([]byte, string) {
	ends := func(w string) bool {
		if !bytes.HasSuffix(out, []byte(w)) {
			return false
		}
		n := len(out) - len(w)
		return n == 0 || out[n-1] == ' '
	}
	switch {
	case ends("de ") && strings.HasPrefix(v, "le "):
		return append(out[:len(out)-3], "du "...), v[3:]
	case ends("de ") && strings.HasPrefix(v, "les "):
		return append(out[:len(out)-3], "des "...), v[4:]
	case ends("à ") && strings.HasPrefix(v, "le "):
		return append(out[:len(out)-len("à ")], "au "...), v[3:]
	case ends("à ") && strings.HasPrefix(v, "les "):
		return append(out[:len(out)-len("à ")], "aux "...), v[4:]
	case ends("de ") && startsWithVowel(v):
		return append(out[:len(out)-2], '\''), v
	}
	return out, v
}

func startsWithVowel(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return strings.ContainsRune("AEIOUYÉÈÊaeiouyéèêâ", r)
}

// capitalize upper-cases the first letter of s.
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 || !unicode.IsLower(r) {
		return s
	}
	return string(unicode.ToUpper(r)) + s[n:]
}

// value draws one slot value.
func (s slotter) value(r *rng, lang, name string) (string, bool) {
	switch name {
	case "product":
		return pick(r, s.inLang(s.brand.products, lang)), true
	case "feature":
		return pick(r, s.inLang(s.brand.features, lang)), true
	case "city":
		return pick(r, s.brand.cities), true
	case "name":
		return pick(r, s.w.first[lang]), true
	case "agent":
		return pick(r, s.brand.staff), true
	case "brand":
		return s.brand.name, true
	case "n":
		return strconv.Itoa(r.between(2, 9)), true
	case "nn":
		return strconv.Itoa(r.between(10, 59)), true
	case "order":
		return "#" + strconv.Itoa(r.between(10000, 99999)), true
	case "day":
		return pick(r, s.w.days[lang]), true
	case "hour":
		return pick(r, s.w.hours[lang]), true
	case "version":
		return fmt.Sprintf("%d.%d.%d", r.between(1, 3), r.intn(10), r.intn(10)), true
	case "price":
		return s.price(r, lang), true
	case "emoji":
		return pick(r, s.w.emoji), true
	}
	return "", false
}

// inLang returns the brand's words in lang, or in any language it has.
func (s slotter) inLang(m map[string][]string, lang string) []string {
	if xs := m[lang]; len(xs) > 0 {
		return xs
	}
	return m[s.brand.primary]
}

// price formats an amount the way each language writes money.
func (s slotter) price(r *rng, lang string) string {
	units, cents := r.between(3, 129), r.intn(100)
	cur := s.brand.currency
	if cur == "" {
		cur = "€"
	}
	if lang == "fr" {
		return fmt.Sprintf("%d,%02d %s", units, cents, cur)
	}
	return fmt.Sprintf("%s%d.%02d", cur, units, cents)
}
