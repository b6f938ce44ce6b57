package core

import (
	"errors"
	"strings"
	"testing"
)

func TestExpandTemplate(t *testing.T) {
	vars := map[string]string{
		VarAuthor: "Léa Martin", VarClient: "Le Fournil", VarNetwork: "Chirper", VarHandle: "@lea",
	}
	tests := []struct {
		name, text string
		vars       map[string]string
		want       string
	}{
		{"plain text", "Merci beaucoup !", vars, "Merci beaucoup !"},
		{"every variable", "{author} {client} {brand} {network} {handle} {first_name}", vars,
			"Léa Martin Le Fournil Le Fournil Chirper @lea Léa"},
		{"french reply", "Merci {first_name} ! L'équipe {brand} vous répond en message privé.", vars,
			"Merci Léa ! L'équipe Le Fournil vous répond en message privé."},
		{"spaces inside braces", "Hi { author }", vars, "Hi Léa Martin"},
		{"escaped braces", "{{author}} is literal", vars, "{author} is literal"},
		{"lone closing brace", "smile :}", vars, "smile :}"},
		{"brand overrides client when given", "{brand}", map[string]string{VarClient: "a", VarBrand: "b"}, "b"},
		{"first name given wins", "{first_name}", map[string]string{VarAuthor: "Léa M", VarFirstName: "Lé"}, "Lé"},
		{"missing value is empty", "Hi {handle}!", map[string]string{}, "Hi !"},
		{"nil vars", "Hi {author}", nil, "Hi "},
		{"empty text", "", vars, ""},
		{"multi-line", "Bonjour {first_name},\n\nMerci !", vars, "Bonjour Léa,\n\nMerci !"},
		{"value with braces is not expanded again", "{author}", map[string]string{VarAuthor: "{client}"}, "{client}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ExpandTemplate(tt.text, tt.vars)
			if err != nil {
				t.Fatalf("ExpandTemplate(%q): %v", tt.text, err)
			}
			if got != tt.want {
				t.Errorf("ExpandTemplate(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestExpandTemplateErrors(t *testing.T) {
	tests := []struct {
		name, text string
		wantVar    string
		wantPos    int
		wantInMsg  string
	}{
		{"unknown variable", "Hi {autor}", "autor", 3, "unknown variable {autor}"},
		{"case matters", "{Author}", "Author", 0, "{Author}"},
		{"empty braces", "a {} b", "", 2, "unknown variable {}"},
		{"unclosed at end", "Hi {author", "", 3, "unclosed {"},
		{"unclosed before newline", "Hi {author\n}", "", 3, "unclosed {"},
		{"nested brace", "{a{b}}", "", 0, "unclosed {"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ExpandTemplate(tt.text, nil)
			var te *TemplateError
			if !errors.As(err, &te) {
				t.Fatalf("ExpandTemplate(%q) error = %v, want a *TemplateError", tt.text, err)
			}
			if te.Var != tt.wantVar || te.Pos != tt.wantPos {
				t.Errorf("error = %+v, want Var %q Pos %d", te, tt.wantVar, tt.wantPos)
			}
			if !strings.Contains(err.Error(), tt.wantInMsg) {
				t.Errorf("message %q does not contain %q", err.Error(), tt.wantInMsg)
			}
		})
	}
}

func TestTemplateErrorListsKnownVariables(t *testing.T) {
	_, err := ExpandTemplate("{nom}", nil)
	for _, v := range TemplateVars() {
		if !strings.Contains(err.Error(), "{"+v+"}") {
			t.Errorf("%q does not list {%s}", err.Error(), v)
		}
	}
}
