package kubernetes

import (
	"slices"
	"strings"
)

func (p *projector) node(o *object, ref string) error {
	var status struct {
		Conditions []struct {
			Type   string `json:"type"`
			Status string `json:"status"`
		} `json:"conditions"`
		NodeInfo struct {
			KubeletVersion string `json:"kubeletVersion"`
		} `json:"nodeInfo"`
	}
	if err := decodeRaw("status", o.Status, &status); err != nil {
		return err
	}
	labels := o.Metadata.Labels
	roles := []string{}
	for k := range labels {
		if r, ok := strings.CutPrefix(k, "node-role.kubernetes.io/"); ok && r != "" {
			roles = append(roles, r)
		}
	}
	if r := labels["kubernetes.io/role"]; r != "" {
		roles = append(roles, r)
	}
	roles = sortedUnique(roles)
	zone := labels["topology.kubernetes.io/zone"]
	if zone == "" {
		zone = labels["failure-domain.beta.kubernetes.io/zone"]
	}
	region := labels["topology.kubernetes.io/region"]
	if region == "" {
		region = labels["failure-domain.beta.kubernetes.io/region"]
	}
	n := Node{
		Name:           o.Metadata.Name,
		Roles:          roles,
		ControlPlane:   slices.Contains(roles, "control-plane") || slices.Contains(roles, "master"),
		Zone:           zone,
		Region:         region,
		Labels:         orEmpty(labels),
		KubeletVersion: status.NodeInfo.KubeletVersion,
		KubeletMinor:   minorOf(status.NodeInfo.KubeletVersion),
		Ref:            ref,
	}
	for _, c := range status.Conditions {
		if c.Type == "Ready" {
			ready := c.Status == "True"
			n.Ready = &ready
		}
	}
	p.c.Nodes = append(p.c.Nodes, n)
	return nil
}
