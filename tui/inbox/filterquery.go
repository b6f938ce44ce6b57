package inbox

import (
	"slices"
	"strings"
	"unicode"

	"cmdeck/core"
)

// The filter query language, typed after f, given to ":filter", or saved in
// config:
//
//	client:fournil account:@handle network:chirper kind:review
//	sentiment:negative tag:idea author:@name state:done is:unread
//	is:snoozed needs:reply assignee:marie  croissant livraison
//
// Terms are field:value; everything else is free text searched in full
// (ItemFilter.Query). Field names and values are matched without case or
// accents and have French aliases (réseau:, type:avis, état:traité…). A
// value with spaces is quoted (assignee:"Marie Curie"); a quoted word is
// always free text, so "https://…" can be searched. Parsing is pure; client,
// account, network and author names are checked against the store later
// (resolve.go).

// filterQuery is a parsed query. Zero fields do not filter.
type filterQuery struct {
	Client     string // slug as typed
	Account    string // handle as typed
	Network    string
	Kind       core.ItemKind
	Sentiment  core.Sentiment
	Tag        string
	Author     string // handle or name as typed
	States     []core.ItemState
	Unread     bool
	Snoozed    bool
	NeedsReply bool
	Assignee   string
	Words      []string
}

// Query fields, by canonical name.
const (
	fieldClient    = "client"
	fieldAccount   = "account"
	fieldNetwork   = "network"
	fieldKind      = "kind"
	fieldSentiment = "sentiment"
	fieldTag       = "tag"
	fieldAuthor    = "author"
	fieldState     = "state"
	fieldIs        = "is"
	fieldNeeds     = "needs"
	fieldAssignee  = "assignee"
)

// queryFields lists the canonical field names, in the order help shows them.
func queryFields() []string {
	return []string{fieldClient, fieldAccount, fieldNetwork, fieldKind, fieldSentiment, fieldTag,
		fieldAuthor, fieldState, fieldIs, fieldNeeds, fieldAssignee}
}

// fieldAliases maps a folded field name (English or French) to its
// canonical name.
func fieldAliases() map[string]string {
	return map[string]string{
		"client": fieldClient, "marque": fieldClient,
		"account": fieldAccount, "compte": fieldAccount,
		"network": fieldNetwork, "reseau": fieldNetwork, "net": fieldNetwork,
		"kind": fieldKind, "type": fieldKind,
		"sentiment": fieldSentiment, "mood": fieldSentiment, "humeur": fieldSentiment,
		"tag": fieldTag, "etiquette": fieldTag,
		"author": fieldAuthor, "auteur": fieldAuthor, "from": fieldAuthor, "de": fieldAuthor,
		"state": fieldState, "etat": fieldState,
		"is": fieldIs, "est": fieldIs,
		"needs": fieldNeeds, "besoin": fieldNeeds,
		"assignee": fieldAssignee, "assigne": fieldAssignee, "assigned": fieldAssignee, "pour": fieldAssignee,
	}
}

// kindValues maps folded kind names to kinds. Our own replies are never
// rows, so "reply" is not a kind to filter on.
func kindValues() map[string]core.ItemKind {
	return map[string]core.ItemKind{
		"comment": core.KindComment, "commentaire": core.KindComment,
		"mention": core.KindMention,
		"dm":      core.KindDM, "message": core.KindDM, "mp": core.KindDM,
		"review": core.KindReview, "avis": core.KindReview,
		"forum": core.KindForum,
	}
}

func sentimentValues() map[string]core.Sentiment {
	return map[string]core.Sentiment{
		"positive": core.SentimentPositive, "positif": core.SentimentPositive, "pos": core.SentimentPositive,
		"negative": core.SentimentNegative, "negatif": core.SentimentNegative, "neg": core.SentimentNegative,
		"neutral": core.SentimentNeutral, "neutre": core.SentimentNeutral,
	}
}

// stateValues are the states a CM can ask for (deleted items are gone).
func stateValues() map[string]core.ItemState {
	return map[string]core.ItemState{
		"new": core.StateNew, "nouveau": core.StateNew,
		"read": core.StateRead, "lu": core.StateRead,
		"replied": core.StateReplied, "repondu": core.StateReplied,
		"done": core.StateDone, "traite": core.StateDone, "fait": core.StateDone,
		"hidden": core.StateHidden, "masque": core.StateHidden,
		"spam": core.StateSpam,
	}
}

// isFlags are is: values that are not states.
const (
	isUnread  = "unread"
	isSnoozed = "snoozed"
)

func isValues() map[string]string {
	return map[string]string{
		"unread": isUnread, "nonlu": isUnread, "non-lu": isUnread,
		"snoozed": isSnoozed, "reporte": isSnoozed, "endormi": isSnoozed,
	}
}

// queryErrKind says what is wrong with a query.
type queryErrKind int

const (
	errUnknownField  queryErrKind = iota // Field is not a field
	errBadValue                          // Value is not one of Options for Field
	errEmptyValue                        // Field: with nothing after it
	errUnclosedQuote                     // a quote is never closed
	errUnknownName                       // resolve: no client/account/network/author Value; Options are known ones
	errAmbiguous                         // resolve: Value names several accounts; Options are their networks
)

// queryError is a mistake in a query, with what it takes to fix it. The
// pane words it from these fields in the user's language.
type queryError struct {
	Kind    queryErrKind
	Field   string   // canonical field name (as typed for errUnknownField)
	Value   string   // what was typed
	Options []string // what would be accepted, best guess first
}

func (e *queryError) Error() string { return e.Field + ":" + e.Value }

// parseFilterQuery reads a query. The empty query is valid and filters
// nothing.
func parseFilterQuery(s string) (filterQuery, error) {
	var q filterQuery
	toks, err := queryTokens(s)
	if err != nil {
		return q, err
	}
	for _, tok := range toks {
		if tok.quoted || !isTerm(tok.text) {
			q.Words = append(q.Words, tok.text)
			continue
		}
		field, value, _ := strings.Cut(tok.text, ":")
		if err := q.addTerm(field, value); err != nil {
			return filterQuery{}, err
		}
	}
	return q, nil
}

// token is one word of a query; quoted words are free text.
type token struct {
	text   string
	quoted bool
}

// queryTokens splits a query on spaces, keeping quoted parts whole: a
// quoted word ("a b") or a quoted value (tag:"a b").
func queryTokens(s string) ([]token, error) {
	var out []token
	var cur strings.Builder
	inQuote, quotedWord, started := false, false, false
	flush := func() {
		if started {
			out = append(out, token{text: cur.String(), quoted: quotedWord})
		}
		cur.Reset()
		inQuote, quotedWord, started = false, false, false
	}
	for _, r := range s {
		switch {
		case r == '"':
			if !started {
				quotedWord = true
			}
			started = true
			inQuote = !inQuote
		case unicode.IsSpace(r) && !inQuote:
			flush()
		case unicode.IsControl(r):
			// Control characters never belong in a query.
		default:
			started = true
			cur.WriteRune(r)
		}
	}
	if inQuote {
		return nil, &queryError{Kind: errUnclosedQuote}
	}
	flush()
	return out, nil
}

// isTerm reports a field:value token: letters (and "-", "_") before the
// first colon. "10:30" and "https://x" are not checked as fields when the
// part before the colon has a digit or the value starts with "/".
func isTerm(s string) bool {
	field, value, ok := strings.Cut(s, ":")
	if !ok || field == "" || strings.HasPrefix(value, "/") {
		return false
	}
	return !strings.ContainsFunc(field, func(r rune) bool {
		return !unicode.IsLetter(r) && r != '-' && r != '_'
	})
}

// addTerm applies one field:value term.
func (q *filterQuery) addTerm(field, value string) error {
	name, ok := fieldAliases()[core.Fold(field)]
	if !ok {
		return &queryError{Kind: errUnknownField, Field: field, Options: queryFields()}
	}
	value = strings.TrimSpace(value)
	if value == "" {
		return &queryError{Kind: errEmptyValue, Field: name}
	}
	v := core.Fold(value)
	switch name {
	case fieldClient:
		q.Client = value
	case fieldAccount:
		q.Account = value
	case fieldNetwork:
		q.Network = value
	case fieldTag:
		q.Tag = value
	case fieldAuthor:
		q.Author = value
	case fieldAssignee:
		q.Assignee = value
	case fieldKind:
		k, ok := kindValues()[v]
		if !ok {
			return badValue(name, value, "comment", "mention", "dm", "review", "forum")
		}
		q.Kind = k
	case fieldSentiment:
		s, ok := sentimentValues()[v]
		if !ok {
			return badValue(name, value, "positive", "neutral", "negative")
		}
		q.Sentiment = s
	case fieldState:
		st, ok := stateValues()[v]
		if !ok {
			return badValue(name, value, "new", "read", "replied", "done", "hidden", "spam")
		}
		q.addState(st)
	case fieldIs:
		return q.addIs(v, value)
	case fieldNeeds:
		if v != "reply" && v != "reponse" {
			return badValue(name, value, "reply")
		}
		q.NeedsReply = true
	}
	return nil
}

// addIs applies is:value: a flag (unread, snoozed) or a state (is:done).
func (q *filterQuery) addIs(v, value string) error {
	if flag, ok := isValues()[v]; ok {
		switch flag {
		case isUnread:
			q.Unread = true
		case isSnoozed:
			q.Snoozed = true
		}
		return nil
	}
	if st, ok := stateValues()[v]; ok {
		q.addState(st)
		return nil
	}
	return badValue(fieldIs, value, "unread", "snoozed", "new", "read", "replied", "done", "hidden", "spam")
}

func (q *filterQuery) addState(st core.ItemState) {
	if !slices.Contains(q.States, st) {
		q.States = append(q.States, st)
	}
}

// badValue is an errBadValue with the accepted values, closest first.
func badValue(field, value string, options ...string) error {
	return &queryError{Kind: errBadValue, Field: field, Value: value, Options: closestFirst(value, options)}
}

// closestFirst orders options by edit distance to what was typed (stable,
// so equally close options keep their order).
func closestFirst(typed string, options []string) []string {
	out := slices.Clone(options)
	t := core.Fold(typed)
	slices.SortStableFunc(out, func(a, b string) int {
		return core.EditDistance(t, core.Fold(a)) - core.EditDistance(t, core.Fold(b))
	})
	return out
}

// setTerm returns query with field's term replaced by field:value (added
// when absent), for the facet picker. Other terms and words keep their
// place.
func setTerm(query, field, value string) string {
	toks, err := queryTokens(query)
	if err != nil {
		toks = nil // an unfinished query is replaced rather than kept broken
	}
	aliases := fieldAliases()
	var parts []string
	for _, tok := range toks {
		if !tok.quoted && isTerm(tok.text) {
			f, _, _ := strings.Cut(tok.text, ":")
			if aliases[core.Fold(f)] == field && field != fieldState && field != fieldIs {
				continue
			}
		}
		parts = append(parts, quoteToken(tok))
	}
	return strings.Join(append(parts, field+":"+quoteValue(value)), " ")
}

// quoteToken writes a token back as it can be parsed again.
func quoteToken(t token) string {
	if t.quoted {
		return `"` + strings.ReplaceAll(t.text, `"`, "") + `"`
	}
	field, value, ok := strings.Cut(t.text, ":")
	if ok && strings.ContainsFunc(value, unicode.IsSpace) {
		return field + ":" + quoteValue(value)
	}
	return t.text
}

// quoteValue quotes a value with spaces.
func quoteValue(v string) string {
	if strings.ContainsFunc(v, unicode.IsSpace) {
		return `"` + strings.ReplaceAll(v, `"`, "") + `"`
	}
	return v
}
