package common

// Viewport is the first visible line of a list of n lines shown h at a time.
// Panes keep their own cursor; the viewport only follows it.
type Viewport struct {
	Offset int
}

// Show moves the viewport the least needed to make lines [from, to] visible
// (from wins when the range is taller than h), then clamps it to the list.
func (v *Viewport) Show(from, to, n, h int) {
	if h <= 0 {
		v.Offset = 0
		return
	}
	if to < from {
		to = from
	}
	if to >= v.Offset+h {
		v.Offset = to - h + 1
	}
	if from < v.Offset {
		v.Offset = from
	}
	v.Clamp(n, h)
}

// Clamp keeps the viewport inside a list of n lines shown h at a time, with
// no blank space below the last line when the list is taller than h.
func (v *Viewport) Clamp(n, h int) {
	v.Offset = min(v.Offset, max(n-h, 0))
	v.Offset = max(v.Offset, 0)
}

// Window returns the visible part of lines.
func (v *Viewport) Window(lines []string, h int) []string {
	v.Clamp(len(lines), h)
	end := min(v.Offset+h, len(lines))
	return lines[v.Offset:end]
}

// Clamp returns i limited to [0, n-1] (0 when n is 0).
func Clamp(i, n int) int {
	if n <= 0 {
		return 0
	}
	return min(max(i, 0), n-1)
}
