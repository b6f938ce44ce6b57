package config

import (
	"strings"
	"testing"
)

func TestValidateServe(t *testing.T) {
	const key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHnSwCk5MkA4T6Q1l1s1YJr0H1oU5yYVq3p+2H7x0b6w alice@phone"
	tests := []struct {
		name  string
		serve Serve
		want  []string // substrings of the problems, in order; none = valid
	}{
		{"defaults", Serve{}, nil},
		{"valid users", Serve{Listen: "0.0.0.0:2022", Users: []ServeUser{
			{Name: "alice", Role: RoleOwner, Key: key},
			{Name: "bob", Role: RoleViewer, Fingerprint: "SHA256:uNiVztksCsDhcc0u9e8BujQXVUpKZIDTMczCvj3tD2s"},
		}}, nil},
		{"bad listen", Serve{Listen: "2222"}, []string{"serve.listen"}},
		{"negative idle", Serve{IdleTimeout: -1}, []string{"serve.idle_timeout"}},
		{"too many sessions", Serve{MaxSessions: 1000}, []string{"serve.max_sessions"}},
		{"bad role", Serve{Users: []ServeUser{{Name: "a", Role: "admin", Key: key}}}, []string{"serve.users[0].role"}},
		{"no name", Serve{Users: []ServeUser{{Role: RoleCM, Key: key}}}, []string{"serve.users[0].name"}},
		{"no key", Serve{Users: []ServeUser{{Name: "a", Role: RoleCM}}}, []string{"names no key"}},
		{"both", Serve{Users: []ServeUser{{Name: "a", Role: RoleCM, Key: key, Fingerprint: "SHA256:x"}}}, []string{"both"}},
		{"bad key", Serve{Users: []ServeUser{{Name: "a", Role: RoleCM, Key: "ssh-ed25519 nope"}}}, []string{"serve.users[0].key"}},
		{"bad fingerprint", Serve{Users: []ServeUser{{Name: "a", Role: RoleCM, Fingerprint: "MD5:aa"}}}, []string{"serve.users[0].fingerprint"}},
		{"same key twice", Serve{Users: []ServeUser{{Name: "a", Role: RoleCM, Key: key}, {Name: "b", Role: RoleCM, Key: key + " other"}}},
			[]string{"serve.users[1]: maps a key already mapped"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := &Config{Serve: tt.serve}
			ps := &problems{}
			c.validateServe(ps)
			if len(ps.list) != len(tt.want) {
				t.Fatalf("problems %v, want %d like %v", ps.list, len(tt.want), tt.want)
			}
			for i, w := range tt.want {
				if got := ps.list[i].Path + ": " + ps.list[i].Message; !strings.Contains(got, w) {
					t.Errorf("problem %d = %q, want it to mention %q", i, got, w)
				}
			}
		})
	}
}
