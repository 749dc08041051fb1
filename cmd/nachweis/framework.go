package main

import (
	"fmt"
	"io"
	"strings"

	"github.com/nachweis/nachweis/controls"
)

// frameworkChoices names the accepted values of --framework for messages.
const frameworkChoices = "c5-2020, c5-2026, iso27001-2022 or gdpr (c5 = c5-2020, iso27001 = iso27001-2022)"

// resolveFramework turns a --framework value into a versioned framework
// id. The unversioned aliases still work: "c5" is C5:2020 until audits
// move to C5:2026, "iso27001" is ISO/IEC 27001:2022; the choice is said
// on stderr, so that nobody takes a C5:2020 result for a C5:2026 one.
func resolveFramework(fw string, stderr io.Writer) (string, error) {
	c, ok := controls.Canonical(fw)
	if !ok {
		return "", usagef("--framework %q: expected %s", fw, frameworkChoices)
	}
	if controls.IsAlias(fw) {
		note := ""
		if fw == "c5" {
			note = fmt.Sprintf(" (%s Say --framework c5-2026 for C5:2026.)", controls.C5Transition.EN)
		}
		fmt.Fprintf(stderr, "nachweis: --framework %s means %s%s\n", fw, c, note)
	}
	return c, nil
}

// resolveFrameworks resolves a list of --framework values (repeated or
// comma-separated) into versioned ids in reporting order, each once; nil
// for an empty list (all frameworks).
func resolveFrameworks(values []string, stderr io.Writer) ([]string, error) {
	if len(values) == 0 {
		return nil, nil
	}
	want := map[string]bool{}
	for _, v := range values {
		for _, fw := range strings.Split(v, ",") {
			c, err := resolveFramework(strings.TrimSpace(fw), stderr)
			if err != nil {
				return nil, err
			}
			want[c] = true
		}
	}
	var out []string
	for _, fw := range controls.Frameworks {
		if want[fw] {
			out = append(out, fw)
		}
	}
	return out, nil
}
