package core

// Sanitize makes untrusted text safe to store and draw. Placeholder: the real
// implementation replaces this file.
func Sanitize(s string) string { return s }

// SanitizeLine is Sanitize for one-line fields (names, handles): newlines and
// tabs become spaces too.
func SanitizeLine(s string) string { return s }

// SanitizeBatch sanitizes every text field of a batch in place.
func SanitizeBatch(b *Batch) {}
