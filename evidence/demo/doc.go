// Package demo embeds the demo provider "Beispiel Cloud GmbH": an evidence
// bundle built from real tool outputs (see src/README.md), its
// configuration with three tenants, attestations and one accepted
// exception. Some controls fail on purpose, so every outcome is visible.
package demo
