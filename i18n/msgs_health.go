package i18n

// healthMsgs holds the words of account health (keys "health.*"), shared by
// `cmdeck accounts` and the deck's accounts overlay.
func healthMsgs() map[string]Msg {
	return map[string]Msg{
		"health.title":            {"Accounts", "Comptes"},
		"health.count.reauth":     {"%d to re-authorize", "%d à réautoriser"},
		"health.count.backoff":    {"%d in backoff", "%d en pause"},
		"health.col.client":       {"CLIENT", "CLIENT"},
		"health.col.account":      {"ACCOUNT", "COMPTE"},
		"health.col.network":      {"NETWORK", "RÉSEAU"},
		"health.col.last_success": {"LAST OK", "DERNIER OK"},
		"health.col.state":        {"STATE", "ÉTAT"},
		"health.col.error":        {"LAST ERROR", "DERNIÈRE ERREUR"},
		"health.col.rate":         {"RATE LIMIT", "QUOTA"},
		"health.state.ok":         {"ok", "ok"},
		"health.state.backoff":    {"backoff until %s", "en pause jusqu'à %s"},
		"health.state.failing":    {"failing, retrying", "en échec, nouvel essai"},
		"health.state.reauth":     {"re-authorize", "à réautoriser"},
		"health.state.never":      {"never synced", "jamais synchronisé"},
		"health.rate":             {"%d until %s", "%d jusqu'à %s"},
		"health.empty":            {"No account yet: add one under clients: in the config.", "Aucun compte : ajoutez-en sous clients: dans la configuration."},
		"health.loading":          {"Loading…", "Chargement…"},
		"health.load_error":       {"Could not read the accounts' health: %s", "Impossible de lire l'état des comptes : %s"},
		"health.error":            {"Error: %s", "Erreur : %s"},
		"health.fix":              {"To fix: %s", "Pour corriger : %s"},
		"health.fix_config":       {"check this account's token in the config, then restart cmdeck", "vérifiez le jeton de ce compte dans la configuration, puis relancez cmdeck"},
		"health.key.down":         {"down", "descendre"},
		"health.key.up":           {"up", "monter"},
		"health.key.close":        {"close", "fermer"},

		// The status bar's hint while a token is refused.
		"health.hint.reauth":       {"re-authorize %s: %s", "réautorisez %s : %s"},
		"health.hint.reauth_more":  {"re-authorize %s (+%d): %s", "réautorisez %s (+%d) : %s"},
		"health.hint.reauth_short": {"re-authorize %s", "réautoriser %s"},
	}
}
