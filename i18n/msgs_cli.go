package i18n

// cliMsgs holds the messages of the cli area (keys "cli.*").
func cliMsgs() map[string]Msg {
	return map[string]Msg{}
}
