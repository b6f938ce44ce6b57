package calendar

import (
	"fmt"
	"testing"
)

func TestDump(t *testing.T) {
	f := newFake()
	f.posts = samplePosts(f)
	for _, sz := range [][2]int{{80, 21}, {160, 45}} {
		m := newPane(t, f, sz[0], sz[1], nil)
		fmt.Println(text(m))
		press(t, m, "m")
		fmt.Println(text(m))
		press(t, m, "a")
		fmt.Println(text(m))
		press(t, m, "enter")
		fmt.Println(text(m))
		press(t, m, "esc", "n")
		fmt.Println(text(m))
	}
}
