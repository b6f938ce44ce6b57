package rules

import "strings"

// field is a query's field prefix: what part of the item a value is
// matched against instead of the body.
type field int

const (
	fieldAuthor  field = iota // the author's name and handle, word by word
	fieldHandle               // the handle, whole ("chef" also matches chef@any.server)
	fieldNetwork              // the network, whole or one of its words ("mastodon" matches mastodon.social)
	fieldKind                 // comment, mention, dm, review, forum, reply
	fieldLang                 // "fr" also matches fr-CA
	fieldClient               // the client's slug
	numFields
)

// fieldNameOf names each field, as written before the colon.
var fieldNameOf = [numFields]string{"author", "handle", "network", "kind", "lang", "client"}

// fieldNames finds a field by its name.
var fieldNames = func() map[string]field {
	m := map[string]field{}
	for f, name := range fieldNameOf {
		m[name] = field(f)
	}
	return m
}()

func (f field) String() string { return fieldNameOf[f] }

// fieldList is the field prefixes, for error messages.
func fieldList() string {
	names := make([]string, len(fieldNameOf))
	for i, name := range fieldNameOf {
		names[i] = name + ":"
	}
	return strings.Join(names, " ")
}
