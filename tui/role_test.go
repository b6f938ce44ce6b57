package tui

import (
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"cmdeck/config"
	"cmdeck/i18n"
	"cmdeck/tui/common"
)

// allIntentKinds reads every IntentKind constant from tui/common's
// source, so an intent added later is checked against the roles without
// anyone remembering to list it here.
func allIntentKinds(t *testing.T) []common.IntentKind {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "common/intent.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []common.IntentKind
	ast.Inspect(f, func(n ast.Node) bool {
		spec, ok := n.(*ast.ValueSpec)
		if !ok {
			return true
		}
		if id, ok := spec.Type.(*ast.Ident); !ok || id.Name != "IntentKind" {
			return true
		}
		for _, v := range spec.Values {
			if lit, ok := v.(*ast.BasicLit); ok && lit.Kind == token.STRING {
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, common.IntentKind(s))
			}
		}
		return true
	})
	if len(out) < 20 {
		t.Fatalf("found only %d intent kinds in common/intent.go: %v", len(out), out)
	}
	return out
}

// The roles config accepts are the ones this deck knows.
func TestRoleNamesMatchConfig(t *testing.T) {
	if RoleOwner != config.RoleOwner || RoleCM != config.RoleCM || RoleViewer != config.RoleViewer {
		t.Fatal("tui's role names differ from config's")
	}
}

// Every intent against every role: a viewer (or an unknown role) is
// refused everything; a cm everything but the server admin actions; the
// owner and the local CM nothing.
func TestRolesAgainstIntents(t *testing.T) {
	kinds := allIntentKinds(t)
	for _, role := range []string{"", RoleOwner, RoleCM, RoleViewer, "admin"} {
		for _, kind := range kinds {
			ex := &fakeExecutor{}
			d := newDeck(t, 120, 24, both(withExec(ex), func(o *Options) { o.Role = role }))
			d.send(common.IntentMsg{Intent: common.Intent{Kind: kind, ItemIDs: []int64{6}, Text: "x"}})
			refused := len(ex.got) == 0
			admin := kind == common.IntentSilence || kind == common.IntentSuspend
			switch {
			case role == RoleViewer || role == "admin":
				if !refused || !strings.Contains(d.statusLine(), "Read-only session") {
					t.Errorf("%q %s: ran %v, status %q; want refused as read-only", role, kind, ex.kinds(), d.statusLine())
				}
			case role == RoleCM && admin:
				if !refused || !strings.Contains(d.statusLine(), "Your role (cm) cannot use server admin actions; ask the owner") {
					t.Errorf("cm %s: ran %v, status %q; want refused naming the role", kind, ex.kinds(), d.statusLine())
				}
			default:
				if refused {
					t.Errorf("%q %s: refused (%q)", role, kind, d.statusLine())
				}
			}
		}
	}
}

// A viewer's deck is read-only everywhere, panes included: the panes
// refuse their own writes (composers, calendar, alerts) from ctx.ReadOnly,
// and the root its crisis mode.
func TestViewerDeckIsReadOnly(t *testing.T) {
	d := newDeck(t, 120, 24, func(o *Options) { o.Role = RoleViewer })
	if !d.ctx.ReadOnly || !d.opts.ReadOnly {
		t.Fatal("a viewer's deck is not read-only")
	}
	d.send(common.CrisisRequestMsg{ClientID: 1, On: true})
	if d.src.callsTo("SetCrisis") != 0 || !strings.Contains(d.statusLine(), "Read-only session") {
		t.Fatalf("a viewer changed crisis mode (status %q)", d.statusLine())
	}
	for _, role := range []string{"", RoleOwner, RoleCM} {
		if d := newDeck(t, 120, 24, func(o *Options) { o.Role = role }); d.ctx.ReadOnly {
			t.Errorf("role %q: read-only", role)
		}
	}
}

func TestRoleRefusalInFrench(t *testing.T) {
	ex := &fakeExecutor{}
	d := newDeck(t, 140, 24, both(withExec(ex), func(o *Options) { o.Role, o.Lang = RoleCM, i18n.FR }))
	d.send(common.IntentMsg{Intent: common.Intent{Kind: common.IntentSuspend, ItemIDs: []int64{6}}})
	if len(ex.got) != 0 || !strings.Contains(d.statusLine(), "Votre rôle (cm) ne permet pas les actions d'administration du serveur") {
		t.Fatalf("ran %v, status %q", ex.kinds(), d.statusLine())
	}
}
