package i18n

// cliMsgs holds the messages of the command-line commands (keys "cli.*").
func cliMsgs() map[string]Msg {
	return map[string]Msg{
		"cli.sync.running":        {"Syncing every account until interrupted (ctrl+c)…", "Synchronisation de tous les comptes jusqu'à interruption (ctrl+c)…"},
		"cli.sync.account":        {"%s: %d new items (%d batches)", "%s : %d nouveaux messages (%d lots)"},
		"cli.sync.account_failed": {"%s: sync failed: %v", "%s : échec de la synchro : %v"},
		"cli.sync.total":          {"%d new items from %d accounts → %s", "%d nouveaux messages de %d comptes → %s"},
		"cli.sync.failures":       {"%d account(s) failed to sync; see above", "%d compte(s) en échec de synchro ; voir ci-dessus"},
		"cli.sync.lease_other":    {"another cmdeck syncs this database (%s); this one only reads", "un autre cmdeck synchronise cette base (%s) ; celui-ci ne fait que lire"},
		"cli.check.demo":          {"no clients configured: cmdeck opens the demo workspace (see config.example.yaml)", "aucun client configuré : cmdeck ouvre l'espace de démo (voir config.example.yaml)"},
		"cli.check.ok":            {"%s: OK — clients: %d, accounts: %d", "%s : OK — clients : %d, comptes : %d"},
		"cli.check.secrets":       {"%s: %d account(s) cannot be used (see above)", "%s : %d compte(s) inutilisable(s) (voir ci-dessus)"},
		// cmdeck export tags (app/export.go, app/export_format.go). The header is
		// split on commas: keep eight names, in this order.
		"cli.export.header":        {"date,network,account,author,tags,state,link,text", "date,réseau,compte,auteur,étiquettes,état,lien,texte"},
		"cli.export.title":         {"%s: tagged messages", "%s : messages étiquetés"},
		"cli.export.period":        {"Since %s (%s): %d tagged messages.", "Depuis le %s (%s) : %d messages étiquetés."},
		"cli.export.empty":         {"No tagged message in this period.", "Aucun message étiqueté sur cette période."},
		"cli.export.done":          {"%d tagged messages → %s", "%d messages étiquetés → %s"},
		"cli.export.state.new":     {"new", "nouveau"},
		"cli.export.state.read":    {"read", "lu"},
		"cli.export.state.replied": {"replied", "répondu"},
		"cli.export.state.done":    {"done", "traité"},
		"cli.export.state.hidden":  {"hidden", "masqué"},
		"cli.export.state.spam":    {"spam", "indésirable"},
		"cli.export.state.deleted": {"deleted", "supprimé"},
		// cmdeck account add mastodon (app/account_add.go). Everything but
		// the YAML block (and the token with --print-token) goes to stderr.
		"cli.rules.no_rules":          {"no alert rule applies to client %q: add rules: under it in the config (or top-level rules:), or pass --rules FILE", "aucune règle d'alerte ne s'applique au client %q : ajoutez des rules: sous ce client dans la config (ou des rules: générales), ou passez --rules FICHIER"},
		"cli.rules.none":              {"No alert would have fired for %s since %s (%s): %d messages checked.", "Aucune alerte ne se serait déclenchée pour %s depuis le %s (%s) : %d messages examinés."},
		"cli.rules.head":              {"%d alerts would have fired for %s since %s (%s): %d messages checked; nothing was written.", "%d alertes se seraient déclenchées pour %s depuis le %s (%s) : %d messages examinés ; rien n'a été enregistré."},
		"cli.rules.columns":           {"time,severity,rule,items,title", "heure,gravité,règle,messages,titre"},
		"cli.rules.summary":           {"rule,type,severity,alerts,items", "règle,type,gravité,alertes,messages"},
		"cli.account.open":            {"Open this page, sign in with the account to connect, and approve cmdeck (scopes: %s):", "Ouvrez cette page, connectez-vous avec le compte à relier et autorisez cmdeck (portées : %s) :"},
		"cli.account.bsky_connected":  {"Connected @%s (%s).", "@%s est connecté (%s)."},
		"cli.account.bsky_password":   {"App password (Bluesky: Settings → Privacy and security → App passwords; or set %s):", "Mot de passe d'application (Bluesky : Réglages → Confidentialité et sécurité → Mots de passe d'application ; ou définissez %s) :"},
		"cli.account.email_connected": {"Connected %s: IMAP %s and SMTP %s accept the login.", "%s est connecté : IMAP %s et SMTP %s acceptent l'identifiant."},
		"cli.account.email_password":  {"Password for %s (or set %s):", "Mot de passe de %s (ou définissez %s) :"},
		"cli.account.code_prompt":     {"Then paste the code the page shows:", "Puis collez le code affiché par la page :"},
		"cli.account.saved":           {"Connected %s: its token is in %s, readable by you only.", "%s est connecté : son jeton est dans %s, lisible par vous seul."},
		"cli.account.replaced":        {"%s was connected before: its earlier token in %s is replaced.", "%s était déjà connecté : son ancien jeton dans %s est remplacé."},
		"cli.account.paste":           {"# Add this to %s (for a client you already have, copy only the account under its accounts:)", "# À ajouter à %s (pour un client existant, copiez seulement le compte sous ses accounts:)"},
		"cli.account.print_token":     {"Connected %s. Its token is on standard output: keep it in a password manager and give it to cmdeck with token_cmd (as below) or token_env. The account block for the config:", "%s est connecté. Son jeton est sur la sortie standard : gardez-le dans un gestionnaire de mots de passe et donnez-le à cmdeck par token_cmd (comme ci-dessous) ou token_env. Le bloc du compte pour la configuration :"},
		// cmdeck accounts (app/accounts.go).
		"cli.accounts.none":   {"No account in %s yet.", "Aucun compte dans %s pour l'instant."},
		"cli.accounts.reauth": {"re-authorize %s: %s", "réautorisez %s : %s"},
		// cmdeck report and cmdeck draw (app/report_cmd.go, app/draw_cmd.go),
		// on stderr when the output went to a file.
		"cli.report.done":   {"report written to %s", "rapport écrit dans %s"},
		"cli.draw.done":     {"draw written to %s", "tirage écrit dans %s"},
		"cli.generate.done": {"%d items over %d accounts in %s (%.0f items/s) → %s", "%d messages sur %d comptes en %s (%.0f messages/s) → %s"},
	}
}
