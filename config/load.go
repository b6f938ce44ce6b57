package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/go-viper/mapstructure/v2"
	"github.com/spf13/viper"
	"go.yaml.in/yaml/v3"
)

// Options are the inputs of Load besides the file itself.
type Options struct {
	File string              // --config; "" = $CMDECK_CONFIG, else the XDG file
	DB   string              // --db; "" = not given
	Lang string              // --lang; "" = not given
	Env  func(string) string // os.Getenv in production, a fake in tests
	// Known is the provider registry's names, for provider checks and
	// suggestions; nil skips the check.
	Known []string
	// KeyActions is the action names keys: may rebind; nil skips the check.
	KeyActions []string
}

// Load reads the configuration in order: Go defaults, the file, CMDECK_*
// env vars, flags; then validates it. With no file at all it returns a demo
// configuration (Demo true, no clients). Warnings are worth showing but do
// not stop the start. On error the *Config is nil; the error is a
// *ValidationError when the file parsed but holds wrong values.
func Load(opts Options) (*Config, []string, error) {
	env := opts.Env
	if env == nil {
		env = func(string) string { return "" }
	}
	f, err := findFile(opts.File, env)
	if err != nil {
		return nil, nil, err
	}
	c, err := build(f, opts, env)
	if err != nil {
		return nil, nil, err
	}
	warns := warnings(c, f, env)
	if err := c.ValidateWith(opts.Known, opts.KeyActions); err != nil {
		return nil, warns, err
	}
	return c, warns, nil
}

// build layers defaults, file, env and flags in one fresh viper instance
// and decodes the result, rejecting unknown keys.
func build(f *file, opts Options, env func(string) string) (*Config, error) {
	v := viper.NewWithOptions(viper.KeyDelimiter(keyDelim))
	v.SetDefault("sync_interval", DefaultSyncInterval)
	v.SetDefault("undo_window", DefaultUndoWindow)
	v.SetDefault("language", "")
	v.SetDefault("timezone", "")
	v.SetDefault("tags", DefaultTags())
	setNotifyDefaults(v)
	setServeDefaults(v)

	where := map[string]string{}
	var user userMaps
	if f != nil {
		doc, err := f.layer(v, where)
		if err != nil {
			return nil, err
		}
		user = userMapsFrom(doc)
	}
	envLayer, err := readEnv(env, where)
	if err != nil {
		return nil, err
	}
	if err := v.MergeConfigMap(envLayer); err != nil {
		return nil, fmt.Errorf("environment: %w", err)
	}
	setFlag(v, where, "db", "--db", opts.DB)
	setFlag(v, where, "language", "--lang", opts.Lang)

	c := &Config{}
	if err := v.Unmarshal(c, func(dc *mapstructure.DecoderConfig) { dc.ErrorUnused = true }); err != nil {
		// The schema check catches what the file can get wrong, so this
		// is a value from env or flags that does not fit its key.
		return nil, fmt.Errorf("configuration: %v", err)
	}
	user.apply(c)
	finish(c, f, where)
	c.home = env("HOME")
	return c, nil
}

// setFlag makes a given flag beat every other layer.
func setFlag(v *viper.Viper, where map[string]string, key, flag, value string) {
	if value == "" {
		return
	}
	v.Set(key, value)
	where[key] = flag
}

// finish fills what Load owns rather than the file: the path, demo mode,
// account paths for Secret's errors, and default client names. A file that
// defines no clients opens the demo workspace too, with the file's other
// settings (cm:, keys:, serve:…): an empty deck would show nothing, and
// this way one can try `cmdeck serve` or key overrides on the demo.
func finish(c *Config, f *file, where map[string]string) {
	c.where = where
	if f != nil {
		c.Path = f.path
	}
	c.Demo = f == nil || len(c.Clients) == 0
	for ci := range c.Clients {
		cl := &c.Clients[ci]
		if cl.Name == "" {
			cl.Name = cl.Slug
		}
		for ai := range cl.Accounts {
			cl.Accounts[ai].path = c.AccountPath(ci, ai)
		}
	}
}

// keyDelim replaces viper's "." so action names such as "inbox.reply"
// under keys: stay one key instead of nesting.
const keyDelim = "::"

// file is a config file that exists and was read.
type file struct {
	path string
	data []byte
	mode fs.FileMode
}

// findFile reads the config file: --config, else $CMDECK_CONFIG, else the
// XDG one. It returns nil (demo) only when no file was named and the XDG
// one does not exist; a named file that is missing is an error.
func findFile(flag string, env func(string) string) (*file, error) {
	path, from := flag, "--config"
	if path == "" {
		path, from = env("CMDECK_CONFIG"), "CMDECK_CONFIG"
	}
	named := path != ""
	if !named {
		path = DefaultFile(env)
	}
	path = expandHome(path, env("HOME"))
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
	case errors.Is(err, fs.ErrNotExist) && !named:
		return nil, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, fmt.Errorf("config file %s: no such file; create it from config.example.yaml or %s", path, dropHint(from))
	default:
		return nil, fmt.Errorf("config file %s: cannot read it: %v (check that it is a file you may read)", path, unwrapPath(err))
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("config file %s: %v", path, unwrapPath(err))
	}
	return &file{path: path, data: data, mode: info.Mode().Perm()}, nil
}

func dropHint(from string) string {
	if from == "--config" {
		return "drop --config"
	}
	return "unset " + from
}

// unwrapPath drops the "open /path:" prefix the message already carries.
func unwrapPath(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// layer parses the file, checks it against the schema and merges it into
// v. It records each key's line in where.
func (f *file) layer(v *viper.Viper, where map[string]string) (*yaml.Node, error) {
	doc, err := parseYAML(f.path, f.data)
	if err != nil {
		return nil, err
	}
	sc := checkSchema(f.path, doc)
	if len(sc.found) > 0 {
		return nil, &ValidationError{File: f.path, Problems: sc.found}
	}
	for k, w := range sc.where {
		where[k] = w
	}
	raw := map[string]any{}
	if len(doc.Content) > 0 && !isNull(doc.Content[0]) {
		if err := doc.Decode(&raw); err != nil {
			return nil, syntaxError(f.path, err, false)
		}
	}
	if err := v.MergeConfigMap(raw); err != nil {
		return nil, fmt.Errorf("config file %s: %w", f.path, err)
	}
	return doc, nil
}
