package inbox

import (
	"errors"
	"reflect"
	"testing"

	"cmdeck/core"
	"cmdeck/store"
)

func TestParseFilterQuery(t *testing.T) {
	tests := []struct {
		in   string
		want filterQuery
	}{
		{"", filterQuery{}},
		{"croissant livraison", filterQuery{Words: []string{"croissant", "livraison"}}},
		{"client:fournil account:@lefournil network:chirper kind:review sentiment:negative tag:idea",
			filterQuery{Client: "fournil", Account: "@lefournil", Network: "chirper", Kind: core.KindReview,
				Sentiment: core.SentimentNegative, Tag: "idea"}},
		{"author:@amelie_db state:done is:unread is:snoozed needs:reply assignee:marie",
			filterQuery{Author: "@amelie_db", States: []core.ItemState{core.StateDone}, Unread: true,
				Snoozed: true, NeedsReply: true, Assignee: "marie"}},
		// Case and accents do not matter; French aliases work.
		{"RÉSEAU:Chirper Type:Avis état:traité humeur:négatif", filterQuery{Network: "Chirper",
			Kind: core.KindReview, States: []core.ItemState{core.StateDone}, Sentiment: core.SentimentNegative}},
		{"is:hidden state:spam is:hidden", filterQuery{States: []core.ItemState{core.StateHidden, core.StateSpam}}},
		// Quoted values keep their spaces; a quoted word is always text.
		{`assignee:"Marie Curie" "https://x.y/z" "tag:idea"`, filterQuery{Assignee: "Marie Curie",
			Words: []string{"https://x.y/z", "tag:idea"}}},
		// What only looks like a term is text.
		{"rdv 10:30 https://example.org", filterQuery{Words: []string{"rdv", "10:30", "https://example.org"}}},
		{"kind:dm mp", filterQuery{Kind: core.KindDM, Words: []string{"mp"}}},
		{"client:fournil   client:pixelforge", filterQuery{Client: "pixelforge"}}, // the last one wins
	}
	for _, tt := range tests {
		got, err := parseFilterQuery(tt.in)
		if err != nil {
			t.Errorf("%q: %v", tt.in, err)
			continue
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q:\n got %+v\nwant %+v", tt.in, got, tt.want)
		}
	}
}

func TestParseFilterQueryErrors(t *testing.T) {
	tests := []struct {
		in        string
		kind      queryErrKind
		field     string
		firstHint string
	}{
		{"clent:fournil", errUnknownField, "clent", "client"},
		{"kind:revew", errBadValue, "kind", "review"},
		{"sentiment:bad", errBadValue, "sentiment", ""},
		{"is:snozed", errBadValue, "is", "snoozed"},
		{"needs:love", errBadValue, "needs", "reply"},
		{"state:deleted", errBadValue, "state", ""}, // deleted items are gone for good
		{"kind:reply", errBadValue, "kind", ""},     // our replies are never rows
		{"tag:", errEmptyValue, "tag", ""},
		{`tag:"idea`, errUnclosedQuote, "", ""},
	}
	for _, tt := range tests {
		_, err := parseFilterQuery(tt.in)
		var qe *queryError
		if !errors.As(err, &qe) {
			t.Errorf("%q: error %v, want a queryError", tt.in, err)
			continue
		}
		if qe.Kind != tt.kind || qe.Field != tt.field {
			t.Errorf("%q: kind %d field %q, want %d %q", tt.in, qe.Kind, qe.Field, tt.kind, tt.field)
		}
		if tt.firstHint != "" && (len(qe.Options) == 0 || qe.Options[0] != tt.firstHint) {
			t.Errorf("%q: options %v, want %q first", tt.in, qe.Options, tt.firstHint)
		}
	}
}

// Control characters never reach a query, and nothing panics on odd input.
func TestParseFilterQueryOddInput(t *testing.T) {
	for _, in := range []string{"\x1b[31m", ":", "::", `"`, `""`, "a:b:c", "client:\x00", "é:é", "\t\n", `tag:""`} {
		q, err := parseFilterQuery(in)
		if err != nil {
			continue
		}
		for _, w := range q.Words {
			for _, r := range w {
				if r < 0x20 {
					t.Errorf("%q: control character kept in %q", in, w)
				}
			}
		}
	}
}

func TestSetTerm(t *testing.T) {
	tests := []struct{ query, field, value, want string }{
		{"", "client", "fournil", "client:fournil"},
		{"croissant client:pixelforge", "client", "fournil", "croissant client:fournil"},
		{"type:avis", "kind", "dm", "kind:dm"}, // aliases are the same field
		{"is:unread", "is", "snoozed", "is:unread is:snoozed"},
		{`"a b" tag:x`, "assignee", "Marie Curie", `"a b" tag:x assignee:"Marie Curie"`},
		{`broken "quote`, "tag", "idea", "tag:idea"},
	}
	for _, tt := range tests {
		got := setTerm(tt.query, tt.field, tt.value)
		if got != tt.want {
			t.Errorf("setTerm(%q, %s, %s) = %q, want %q", tt.query, tt.field, tt.value, got, tt.want)
		}
		if _, err := parseFilterQuery(got); err != nil {
			t.Errorf("setTerm gave %q, which does not parse: %v", got, err)
		}
	}
}

func TestTermsFilterResolvesNames(t *testing.T) {
	dir := directory{
		clients: []core.Client{{ID: 1, Slug: "fournil", Name: "Le Fournil"}, {ID: 2, Slug: "pixelforge", Name: "PixelForge"}},
		accounts: []core.Account{
			{ID: 10, ClientID: 1, Network: "Chirper", Handle: "@lefournil"},
			{ID: 11, ClientID: 1, Network: "Facegram", Handle: "@lefournil"},
			{ID: 12, ClientID: 2, Network: "Chirper", Handle: "@pixelforge"},
		},
		loaded: true,
	}
	tests := []struct {
		query   string
		wantErr queryErrKind
		ok      bool
		client  int64
		account int64
		network string
	}{
		{query: "client:fournil", ok: true, client: 1},
		{query: "client:LE FOURNIL", wantErr: errUnknownName}, // two words: client "LE", then text
		{query: `client:"le fournil"`, ok: true, client: 1},
		{query: "client:pix", ok: true, client: 2}, // a unique prefix
		{query: "client:fourni1", wantErr: errUnknownName},
		{query: "network:chirper", ok: true, network: "Chirper"},
		{query: "network:myspace", wantErr: errUnknownName},
		{query: "account:pixelforge", ok: true, account: 12},
		{query: "account:@lefournil", wantErr: errAmbiguous},
		{query: "account:@lefournil network:facegram", ok: true, account: 11, network: "Facegram"},
	}
	for _, tt := range tests {
		q, err := parseFilterQuery(tt.query)
		if err == nil {
			var f store.ItemFilter
			f, err = termsFilter(q, dir, 0)
			if err == nil {
				if !tt.ok {
					t.Errorf("%q: no error", tt.query)
					continue
				}
				if f.ClientID != tt.client || f.AccountID != tt.account || f.Network != tt.network {
					t.Errorf("%q: client %d account %d network %q", tt.query, f.ClientID, f.AccountID, f.Network)
				}
				continue
			}
		}
		var qe *queryError
		if tt.ok || !errors.As(err, &qe) || qe.Kind != tt.wantErr {
			t.Errorf("%q: error %v, want kind %d (ok %v)", tt.query, err, tt.wantErr, tt.ok)
		}
	}
}
