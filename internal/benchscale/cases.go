package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

// checkCmd is nachweis check of a provider with the given output format.
func checkCmd(o options, p *provider, format string) command {
	return command{
		name: fmt.Sprintf("nachweis check --format %s (%d tenants)", format, p.Tenants),
		argv: []string{o.nachweis, "check", "--bundle", p.Bundle, "--config", p.Config, "--now", now(),
			"--format", format, "-o", filepath.Join(o.dir, fmt.Sprintf("check-%d.%s", p.Tenants, format))},
		ok: []int{3},
	}
}

// profiled runs c once more with a CPU profile written to dir.
func profiled(o options, c command, file string) error {
	if !o.profile {
		return nil
	}
	c.env = append(c.env, "NACHWEIS_CPUPROFILE="+filepath.Join(o.dir, file))
	_, err := runOnce(c)
	return err
}

// measureCheck measures nachweis check in every output format and the
// two opa eval commands side by side.
func measureCheck(o options, p *provider, in *opaInputs, t *table, out io.Writer) error {
	var cmds []command
	if o.only["check"] {
		for _, f := range []string{"text", "json", "sarif"} {
			cmds = append(cmds, checkCmd(o, p, f))
		}
	}
	var plain, own command
	if o.only["opa"] {
		if _, err := os.Stat(o.opa); err != nil {
			return fmt.Errorf("opa binary: %w (make bench-scale installs it into bin/)", err)
		}
		plain = command{
			name: fmt.Sprintf("opa eval: plain policy over the raw JSON (%.0f MB)", float64(in.RawBytes)/1e6),
			argv: []string{o.opa, "eval", "--format", "json", "--data", in.PlainPolicy, "--input", in.Raw, "data.plain.deny"},
		}
		own = command{
			name: fmt.Sprintf("opa eval: nachweis's checks on its projected input (%.1f MB)", float64(in.ProjBytes)/1e6),
			argv: []string{o.opa, "eval", "--format", "json", "--data", in.Policies, "--input", in.Projected, in.Query},
		}
		n, err := opaCount(plain)
		if err != nil {
			return err
		}
		m, err := opaCount(own)
		if err != nil {
			return err
		}
		fmt.Fprintf(out, "opa eval: the plain policy finds %d violations; nachweis's checks on the projected input give %d results\n", n, m)
		cmds = append(cmds, plain, own)
	}
	res, err := measure(o.runs, cmds...)
	if err != nil {
		return err
	}
	t.section(fmt.Sprintf("check and opa eval, %d tenants", p.Tenants))
	for _, r := range res {
		t.add(r)
	}
	if o.only["check"] && o.only["opa"] {
		text := res[0]
		t.ratio("opa eval plain policy / nachweis check (text)", res[3].sample, text.sample)
		t.ratio("opa eval nachweis's checks / nachweis check (text)", res[4].sample, text.sample)
	}
	if o.only["check"] {
		for i, f := range []string{"text", "json", "sarif"} {
			if err := profiled(o, cmds[i], fmt.Sprintf("check-%d-%s.cpu", p.Tenants, f)); err != nil {
				return err
			}
		}
	}
	return nil
}

// measureSeries measures nachweis check on providers of growing size.
func measureSeries(o options, prep *prepared, t *table) error {
	var cmds []command
	for _, n := range o.series {
		cmds = append(cmds, checkCmd(o, prep.provider(n), "text"))
	}
	res, err := measure(o.runs, cmds...)
	if err != nil {
		return err
	}
	t.section("growth: nachweis check --format text")
	for i, r := range res {
		t.add(r)
		t.perTenant(r.sample, o.series[i])
	}
	return nil
}

// measureTOM measures tom --all-tenants.
func measureTOM(o options, p *provider, t *table) error {
	outDir := filepath.Join(o.dir, fmt.Sprintf("tom-%d", p.Tenants))
	c := command{
		name: fmt.Sprintf("nachweis tom --all-tenants --lang de (%d tenants)", p.Tenants),
		argv: []string{o.nachweis, "tom", "--all-tenants", "--lang", "de", "--bundle", p.Bundle, "--config", p.Config, "--now", now(), "-o", outDir},
	}
	res, err := measure(o.slowRuns, c)
	if err != nil {
		return err
	}
	entries, err := os.ReadDir(outDir)
	if err != nil {
		return err
	}
	// Each annex comes with its internal release checklist (.md).
	annexes := 0
	for _, e := range entries {
		if strings.HasSuffix(e.Name(), ".pdf") {
			annexes++
		}
	}
	if annexes != p.Tenants {
		return fmt.Errorf("tom --all-tenants wrote %d annexes, want %d", annexes, p.Tenants)
	}
	t.section("documents")
	t.add(res[0])
	return profiled(o, c, fmt.Sprintf("tom-%d.cpu", p.Tenants))
}

// measurePack measures pack and verify of a provider (verify of the pack
// the run before wrote).
func measurePack(o options, p *provider, t *table) error {
	keys := filepath.Join(o.dir, "keys")
	priv, pub := filepath.Join(keys, "nachweis.key"), filepath.Join(keys, "nachweis.pub")
	if _, err := os.Stat(pub); err != nil {
		if _, err := runOnce(command{name: "nachweis keys generate", argv: []string{o.nachweis, "keys", "generate", "-o", keys}}); err != nil {
			return err
		}
	}
	zip := filepath.Join(o.dir, fmt.Sprintf("pack-%d.zip", p.Tenants))
	pack := command{
		name: fmt.Sprintf("nachweis pack (%d tenants)", p.Tenants),
		argv: []string{o.nachweis, "pack", "--bundle", p.Bundle, "--config", p.Config, "--now", now(), "--sign-key", priv, "-o", zip},
	}
	verify := command{
		name: fmt.Sprintf("nachweis verify (%d tenants)", p.Tenants),
		argv: []string{o.nachweis, "verify", zip, "--key", pub},
	}
	res, err := measure(o.slowRuns, pack, verify)
	if err != nil {
		return err
	}
	if info, err := os.Stat(zip); err == nil {
		pack.name += fmt.Sprintf(", %.0f MB", float64(info.Size())/1e6)
		res[0].name = pack.name
	}
	t.section("pack and verify")
	t.add(res[0])
	t.add(res[1])
	if err := profiled(o, pack, fmt.Sprintf("pack-%d.cpu", p.Tenants)); err != nil {
		return err
	}
	return profiled(o, verify, fmt.Sprintf("verify-%d.cpu", p.Tenants))
}
