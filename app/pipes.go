package app

import (
	"context"
	"errors"
	"strings"

	"cmdeck/pipe"
	"cmdeck/store"
	"cmdeck/tui/common"
)

// The inbox's pipes (config pipes:): what the deck offers, and how it runs
// one. Config validation has compiled each already; one that does not
// compile here (it cannot happen) is left out rather than offered broken.

// deckPipes returns the pipes to offer and the runner of the deck's
// options; none when config has none.
func deckPipes(ws *Workspace) ([]common.PipeInfo, func(context.Context, string, store.ItemView) (common.PipeOutput, error)) {
	compiled := map[string]*pipe.Pipe{}
	var infos []common.PipeInfo
	for _, p := range ws.Config.Pipes {
		c, err := pipe.Compile(p.Spec())
		if err != nil {
			ws.Logger.Error("pipe left out: "+err.Error(), "pipe", p.Name)
			continue
		}
		compiled[strings.ToLower(c.Name)] = c
		infos = append(infos, common.PipeInfo{Name: c.Name, ShowOutput: p.ShowOutput()})
	}
	if len(infos) == 0 {
		return nil, nil
	}
	run := func(ctx context.Context, name string, it store.ItemView) (common.PipeOutput, error) {
		p, ok := compiled[strings.ToLower(name)]
		if !ok {
			return common.PipeOutput{}, errors.New("no pipe " + name)
		}
		res, err := p.Run(ctx, pipe.ItemOf(it))
		var pe *pipe.Error
		if errors.As(err, &pe) {
			// The status only: the command may hold a token, and what it
			// wrote may quote the message.
			ws.Logger.Warn("pipe failed: "+pe.Pipe+": "+pe.Status, "item", it.ID)
		}
		if err != nil {
			return common.PipeOutput{}, err
		}
		return common.PipeOutput{Text: res.Output, Truncated: res.Truncated}, nil
	}
	return infos, run
}
