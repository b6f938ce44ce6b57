package i18n

// composeMsgs holds the messages of the reply composer (keys "compose.*"):
// its header, counter and footer, the saved-reply picker, and the comments
// of the file opened in $EDITOR.
func composeMsgs() map[string]Msg {
	return map[string]Msg{
		// Header and counter.
		"compose.header":         {EN: "Reply to %s on %s", FR: "Réponse à %s sur %s"},
		"compose.header.nonet":   {EN: "Reply to %s", FR: "Réponse à %s"},
		"compose.header.someone": {EN: "this message", FR: "ce message"},
		"compose.counter":        {EN: "%d", FR: "%d"},
		"compose.counter.limit":  {EN: "%d/%d", FR: "%d/%d"},
		"compose.placeholder":    {EN: "Write your reply…", FR: "Écrivez votre réponse…"},

		// Keys.
		"compose.keyname.esc":   {EN: "esc", FR: "échap"},
		"compose.keyname.enter": {EN: "enter", FR: "entrée"},
		"compose.key.send":      {EN: "send", FR: "envoyer"},
		"compose.key.close":     {EN: "keep draft", FR: "mettre de côté"},
		"compose.key.editor":    {EN: "editor", FR: "éditeur"},
		"compose.key.templates": {EN: "saved replies", FR: "réponses types"},
		"compose.key.move":      {EN: "move", FR: "déplacer"},
		"compose.key.insert":    {EN: "insert", FR: "insérer"},
		"compose.key.back":      {EN: "back to the reply", FR: "retour à la réponse"},

		// Past the network's limit, and sends refused.
		"compose.over.one":          {EN: "%d character too many", FR: "%d caractère de trop"},
		"compose.over.other":        {EN: "%d characters too many", FR: "%d caractères de trop"},
		"compose.over.hint":         {EN: "%s: %s takes %d at most. Shorten the reply to send it.", FR: "%s : %s en accepte %d au plus. Raccourcissez la réponse pour l’envoyer."},
		"compose.refused.over":      {EN: "Not sent: %s. Shorten the reply, then send again.", FR: "Non envoyée : %s. Raccourcissez la réponse, puis renvoyez-la."},
		"compose.refused.empty":     {EN: "Nothing to send yet: write the reply first.", FR: "Rien à envoyer : écrivez d’abord la réponse."},
		"compose.refused.read_only": {EN: "Read-only session: replies can’t be sent from here.", FR: "Session en lecture seule : impossible d’envoyer une réponse d’ici."},

		// Saved replies.
		"compose.picker.title":       {EN: "Saved replies · %s", FR: "Réponses types · %s"},
		"compose.picker.placeholder": {EN: "type to filter", FR: "tapez pour filtrer"},
		"compose.picker.count":       {EN: "%d of %d", FR: "%d sur %d"},
		"compose.picker.nomatch":     {EN: "No saved reply matches.", FR: "Aucune réponse type ne correspond."},
		"compose.picker.none":        {EN: "No saved replies for %s yet: they are set in the config file.", FR: "Pas encore de réponses types pour %s : elles se définissent dans le fichier de configuration."},
		"compose.template.unknown_var": {EN: "Saved reply “%s” uses an unknown variable {%s} (known: %s). Fix it in the config file.",
			FR: "La réponse type « %s » utilise une variable inconnue {%s} (connues : %s). Corrigez-la dans le fichier de configuration."},
		"compose.template.unclosed": {EN: "Saved reply “%s” has a { that is never closed (write {{ for a brace). Fix it in the config file.",
			FR: "La réponse type « %s » contient une { jamais fermée (écrivez {{ pour une accolade). Corrigez-la dans le fichier de configuration."},
		"compose.template.broken": {EN: "Saved reply “%s” cannot be used: %v", FR: "La réponse type « %s » est inutilisable : %v"},

		// $EDITOR.
		"compose.editor.limit":     {EN: "%d characters at most.", FR: "%d caractères au plus."},
		"compose.editor.help1":     {EN: "Write your reply above. Lines starting with “# ” are left out.", FR: "Écrivez votre réponse au-dessus. Les lignes qui commencent par « # » sont ignorées."},
		"compose.editor.help2":     {EN: "Save an empty reply to cancel.", FR: "Enregistrez une réponse vide pour annuler."},
		"compose.editor.earlier":   {EN: "(%d earlier messages not shown)", FR: "(%d messages plus anciens non affichés)"},
		"compose.editor.you":       {EN: "You", FR: "Vous"},
		"compose.editor.answering": {EN: "you are replying to this", FR: "vous répondez à ce message"},
		"compose.editor.aborted":   {EN: "Editor closed without a reply: your draft is unchanged.", FR: "Éditeur fermé sans réponse : votre brouillon est inchangé."},
		"compose.editor.not_found": {EN: "Editor “%s” not found: set $VISUAL or $EDITOR to one you have.", FR: "Éditeur « %s » introuvable : indiquez-en un installé dans $VISUAL ou $EDITOR."},
		"compose.editor.failed":    {EN: "Editor “%s” failed (%v): your draft is unchanged.", FR: "L’éditeur « %s » a échoué (%v) : votre brouillon est inchangé."},
		"compose.editor.file":      {EN: "The draft file could not be used (%v): your draft is unchanged.", FR: "Le fichier de brouillon est inutilisable (%v) : votre brouillon est inchangé."},
	}
}
