package templates

import "github.com/nachweis/nachweis/evidence/deletion"

// deletionWording are the fixed strings of the deletion documents that
// the Go side needs; the body's wording is in the templates. German terms
// follow DIN EN ISO/IEC 27555:2025 (the successor of DIN 66398) and NIST
// SP 800-88 Rev. 2 ("logische Löschung", "kryptografische Löschung").
type deletionWording struct {
	lang string
	// gaps words the gaps nachweis finds itself, by deletion.Gap code.
	gaps                                     map[string]string
	title, planTitle, subtitle               string
	keyword, keywordLaw, watermark           string
	statusDraft, statusStage1, statusStage2  string
	statusPlan                               string
	of                                       string
	coverID, coverPlanID, coverStatus        string
	coverCustomer                            string
	coverContract, coverProvider             string
	coverContractEnd, coverBefore            string
	coverAfter, coverCutoff, coverCreated    string
	coverTool, coverClassification           string
	before, after, inventory                 string
	cluster, copies, present, declared       string
	clusterShort, classShort                 string
	notListed, noCopies, noneRemain, noRule  string
	copiesBeforeNow                          string
	verifiedOn, pendingUntil, atTheLatest    string
	lastCopyOn, lastCopyLatest, lastCopyNone string
	lastCopyNever                            string
	methodAPI, methodPV, methodCrypto        string
	methodLogical                            string
	triggerContractEnd, triggerInstruction   string
	instructionDelete, instructionReturn     string
	startCreation, startContractEnd          string
	immediately                              string
	assumeVelero, assumeRestic, assumeBorg   string
	assumePg, assumeSeries                   string
	outcomes                                 map[deletion.Outcome]string
	details                                  map[string]string
	kinds                                    map[string]string
	tools                                    map[string]string
}

var deletionWords = map[string]deletionWording{
	"de": {
		lang: "de",
		gaps: map[string]string{
			deletion.GapNoList:      "keine clusterweite Liste von %s in den Nachweisen",
			deletion.GapNotInBundle: "nicht im Nachweis-Bundle",
			deletion.GapNoBundle:    "kein Nachweis-Bundle: Der Plan nennt, was die Konfiguration erklärt",
			deletion.GapNoSnapshots: "keine Liste der Sicherungen in den Nachweisen",
		},
		title:               "Löschprotokoll",
		planTitle:           "Löschplan – Bestandsaufnahme",
		subtitle:            "Daten des Auftraggebers %s (Mandant %s) nach Art. 28 Abs. 3 lit. g DSGVO",
		keyword:             "Löschprotokoll",
		keywordLaw:          "Art. 28 Abs. 3 lit. g DSGVO",
		watermark:           "Entwurf – Löschung nicht abgeschlossen",
		statusDraft:         "Entwurf",
		statusStage1:        "Stufe 1: Löschung im aktiven Datenbestand durchgeführt",
		statusStage2:        "Stufe 2: Abschlussbestätigung",
		statusPlan:          "Bestandsaufnahme vor der Löschung",
		of:                  "vom",
		coverID:             "Protokoll-Nr.",
		coverPlanID:         "Dokument-ID",
		coverStatus:         "Status",
		coverCustomer:       "Auftraggeber (Mandant)",
		coverContract:       "Vertrag über die Auftragsverarbeitung",
		coverProvider:       "Auftragnehmer",
		coverContractEnd:    "Vertragsende",
		coverBefore:         "Nachweise vor der Löschung",
		coverAfter:          "Nachweise nach der Löschung",
		coverCutoff:         "Stichtag der Nachweise",
		coverCreated:        "Erstellt",
		coverTool:           "Werkzeugversion",
		coverClassification: "Klassifizierung",
		before:              "vorher",
		after:               "nachher",
		inventory:           "Bestandsaufnahme",
		cluster:             "Cluster",
		copies:              "Sicherungskopien",
		present:             "vorhanden",
		declared:            "laut Konfiguration, nicht nachgewiesen",
		clusterShort:        "Datenart",
		classShort:          "Löschklasse",
		notListed:           "nicht nachgewiesen",
		noCopies:            "keine Kopie mit Daten des Auftraggebers",
		noneRemain:          "keine Kopie mehr",
		noRule:              "keine Aufbewahrungsregel festgelegt",
		copiesBeforeNow:     "%s vorher, %s verbleibend",
		verifiedOn:          "nachgeprüft am %s",
		pendingUntil:        "ausstehend – Ablauf der Sicherung am %s",
		atTheLatest:         "spätestens",
		lastCopyOn:          "Die letzte Sicherungskopie mit Daten des Auftraggebers läuft am %s ab.",
		lastCopyLatest:      "Die letzte Sicherungskopie mit Daten des Auftraggebers läuft spätestens am %s ab.",
		lastCopyNone:        "Keine Sicherungskopie enthält noch Daten des Auftraggebers.",
		lastCopyNever:       "Sicherungskopien mit Daten des Auftraggebers, die nach ihrer Aufbewahrungsregel nicht ablaufen: %s. Sie sind gesondert zu löschen (siehe „Offene Punkte“).",
		methodAPI:           "logische Löschung über die Kubernetes-API",
		methodPV:            "logische Löschung; Freigabe des Speichers nach der Reclaim-Policy",
		methodCrypto:        "kryptografische Löschung (Angabe des Auftragnehmers)",
		methodLogical:       "logische Löschung",
		triggerContractEnd:  "Vertragsende",
		triggerInstruction:  "Weisung des Auftraggebers",
		instructionDelete:   "Löschung",
		instructionReturn:   "Rückgabe und Löschung",
		startCreation:       "Erzeugung des Datenobjekts",
		startContractEnd:    "Vertragsende",
		immediately:         "sofort",
		assumeVelero:        "Velero: das Ablaufdatum der Sicherung (status.expiration) zuzüglich des Intervalls der Speicherbereinigung (garbage collection).",
		assumeRestic:        "restic: die Aufbewahrungsregel mit den Regeln von restic forget fortgeschrieben, je Gruppe (--group-by) getrennt, mit einer Sicherung und anschließendem restic forget --prune im Abstand von %s.",
		assumeBorg:          "borg: die Aufbewahrungsregel mit den Regeln von borg prune fortgeschrieben, mit einer Sicherung und anschließendem borg prune und borg compact im Abstand von %s.",
		assumePg:            "pgBackRest: repo-retention-full fortgeschrieben mit einer Vollsicherung im festgelegten Abstand; differenzielle und inkrementelle Sicherungen laufen spätestens mit ihrer Vollsicherung ab.",
		assumeSeries:        "Eine Reihe von Sicherungen, die nur Daten des Auftraggebers enthält, erhält nach der Löschung keine neuen Sicherungen; was die Regel dann behält, läuft nicht ab und ist gesondert zu löschen.",
		outcomes: map[deletion.Outcome]string{
			deletion.Deleted:       "gelöscht und verifiziert",
			deletion.Present:       "nicht gelöscht",
			deletion.InProgress:    "Löschung nicht abgeschlossen",
			deletion.NotEvidenced:  "nicht nachgewiesen",
			deletion.PendingExpiry: "ausstehend – Ablauf der Sicherung",
			deletion.NoExpiry:      "läuft nicht ab – gesondert zu löschen",
			deletion.Attested:      "bestätigt (Angabe des Auftragnehmers, nicht technisch geprüft)",
			deletion.KeptByLaw:     "aufbewahrt (gesetzliche Aufbewahrungspflicht)",
		},
		details: map[string]string{
			deletion.ReasonKeepTag:      "durch --keep-tag dauerhaft behalten",
			deletion.ReasonNoNewBackups: "die Reihe enthält nur Daten des Auftraggebers und erhält keine neuen Sicherungen; die Regel behält diese Kopie",
			deletion.ReasonNoPrune:      "kein borg prune erfasst dieses Archiv",
			deletion.ReasonNoExpiration: "Velero-Sicherung ohne Ablaufdatum (status.expiration)",
			"overdue":                   "Ablaufdatum überschritten, Kopie noch vorhanden",
			"new":                       "nach der Bestandsaufnahme hinzugekommen",
			"terminating":               "Löschung angestoßen, noch im Zustand Terminating",
			"retain-released":           "Volume mit Reclaim-Policy Retain im Zustand Released: der Speicher bleibt erhalten, bis das Volume gelöscht wird",
			"retain-bound":              "Volume mit Reclaim-Policy Retain noch gebunden, obwohl der Claim gelöscht ist",
			"retain-failed":             "Volume mit Reclaim-Policy Retain im Zustand Failed",
			"retain-available":          "Volume mit Reclaim-Policy Retain verfügbar, der Speicher bleibt erhalten",
			"delete-released":           "Volume im Zustand Released, die Löschung durch den Provisioner steht aus",
			"delete-bound":              "Volume noch gebunden, obwohl der Claim gelöscht ist",
		},
		kinds: map[string]string{
			deletion.KindNamespace: "Namespace", deletion.KindPVC: "PersistentVolumeClaim", deletion.KindPV: "PersistentVolume",
			deletion.KindSecret: "Secret", deletion.KindConfigMap: "ConfigMap",
		},
		tools: map[string]string{deletion.ToolVelero: "Velero", deletion.ToolRestic: "restic", deletion.ToolBorg: "borg", deletion.ToolPgBackRest: "pgBackRest"},
	},
	"en": {
		lang: "en",
		gaps: map[string]string{
			deletion.GapNoList:      "no cluster-wide list of %s in the evidence",
			deletion.GapNotInBundle: "not in the evidence bundle",
			deletion.GapNoBundle:    "no evidence bundle: the plan lists what the configuration declares",
			deletion.GapNoSnapshots: "no snapshot listing in the evidence",
		},
		title:               "Deletion protocol",
		planTitle:           "Deletion plan – inventory",
		subtitle:            "Data of the customer %s (tenant %s) under Art. 28(3)(g) GDPR",
		keyword:             "deletion protocol",
		keywordLaw:          "Art. 28(3)(g) GDPR",
		watermark:           "Draft – deletion not completed",
		statusDraft:         "Draft",
		statusStage1:        "Stage 1: active data deleted",
		statusStage2:        "Stage 2: final confirmation",
		statusPlan:          "Inventory before the deletion",
		of:                  "of",
		coverID:             "Protocol no.",
		coverPlanID:         "Document ID",
		coverStatus:         "Status",
		coverCustomer:       "Customer (tenant)",
		coverContract:       "Data processing agreement",
		coverProvider:       "Provider",
		coverContractEnd:    "Contract end",
		coverBefore:         "Evidence before the deletion",
		coverAfter:          "Evidence after the deletion",
		coverCutoff:         "Evidence cut-off",
		coverCreated:        "Created",
		coverTool:           "Tool version",
		coverClassification: "Classification",
		before:              "before",
		after:               "after",
		inventory:           "inventory",
		cluster:             "cluster",
		copies:              "backup copies",
		present:             "present",
		declared:            "from the configuration, not evidenced",
		clusterShort:        "cluster of PII",
		classShort:          "deletion class",
		notListed:           "not evidenced",
		noCopies:            "no copy holds the customer's data",
		noneRemain:          "no copy left",
		noRule:              "no retention rule declared",
		copiesBeforeNow:     "%s before, %s remaining",
		verifiedOn:          "verified on %s",
		pendingUntil:        "pending – backup expires on %s",
		atTheLatest:         "at the latest",
		lastCopyOn:          "The last backup copy holding the customer's data expires on %s.",
		lastCopyLatest:      "The last backup copy holding the customer's data expires on %s at the latest.",
		lastCopyNone:        "No backup copy holds the customer's data any more.",
		lastCopyNever:       "Backup copies holding the customer's data that do not expire under their retention rule: %s. They must be deleted separately (see “Open items”).",
		methodAPI:           "logical deletion through the Kubernetes API",
		methodPV:            "logical deletion; storage released by the reclaim policy",
		methodCrypto:        "cryptographic erasure (provider's statement)",
		methodLogical:       "logical deletion",
		triggerContractEnd:  "contract end",
		triggerInstruction:  "the customer's instruction",
		instructionDelete:   "deletion",
		instructionReturn:   "return and deletion",
		startCreation:       "creation of the data object",
		startContractEnd:    "contract end",
		immediately:         "immediately",
		assumeVelero:        "Velero: the backup's expiration (status.expiration) plus the garbage-collection interval.",
		assumeRestic:        "restic: the retention rule run forward with the rules of restic forget, per group (--group-by), with a backup followed by restic forget --prune at an interval of %s.",
		assumeBorg:          "borg: the retention rule run forward with the rules of borg prune, with a backup followed by borg prune and borg compact at an interval of %s.",
		assumePg:            "pgBackRest: repo-retention-full run forward with a full backup at the declared interval; differential and incremental backups expire with their full backup at the latest.",
		assumeSeries:        "A series of backups holding only the customer's data gets no new backups after the deletion; what the rule then keeps does not expire and must be deleted separately.",
		outcomes: map[deletion.Outcome]string{
			deletion.Deleted:       "deleted and verified",
			deletion.Present:       "not deleted",
			deletion.InProgress:    "deletion not completed",
			deletion.NotEvidenced:  "not evidenced",
			deletion.PendingExpiry: "pending – backup expiry",
			deletion.NoExpiry:      "does not expire – to be deleted separately",
			deletion.Attested:      "attested (provider's statement, not verified)",
			deletion.KeptByLaw:     "retained (statutory retention)",
		},
		details: map[string]string{
			deletion.ReasonKeepTag:      "kept for good by --keep-tag",
			deletion.ReasonNoNewBackups: "the series holds only the customer's data and gets no new backups; the rule keeps this copy",
			deletion.ReasonNoPrune:      "no borg prune covers this archive",
			deletion.ReasonNoExpiration: "Velero backup without expiration (status.expiration)",
			"overdue":                   "past its expiry, copy still present",
			"new":                       "appeared after the inventory",
			"terminating":               "deletion requested, still Terminating",
			"retain-released":           "volume with reclaim policy Retain is Released: the storage stays until the volume is deleted",
			"retain-bound":              "volume with reclaim policy Retain still bound although its claim is deleted",
			"retain-failed":             "volume with reclaim policy Retain is Failed",
			"retain-available":          "volume with reclaim policy Retain is Available, the storage stays",
			"delete-released":           "volume is Released, deletion by the provisioner pending",
			"delete-bound":              "volume still bound although its claim is deleted",
		},
		kinds: map[string]string{
			deletion.KindNamespace: "Namespace", deletion.KindPVC: "PersistentVolumeClaim", deletion.KindPV: "PersistentVolume",
			deletion.KindSecret: "Secret", deletion.KindConfigMap: "ConfigMap",
		},
		tools: map[string]string{deletion.ToolVelero: "Velero", deletion.ToolRestic: "restic", deletion.ToolBorg: "borg", deletion.ToolPgBackRest: "pgBackRest"},
	},
}
