package kubernetes

import "strings"

// encryptionParam is a StorageClass parameter that turns on encryption
// when on reports true for its value.
type encryptionParam struct {
	key string // lower case; parameter keys are compared case-insensitively
	on  func(string) bool
}

func isTrue(v string) bool   { return strings.EqualFold(strings.TrimSpace(v), "true") }
func nonEmpty(v string) bool { return strings.TrimSpace(v) != "" }

// encryptionParams maps the provisioners nachweis knows to the parameters
// that make them encrypt the volumes they provision, as each driver
// documents it. Volumes of other provisioners (local-path, NFS, bare-metal
// disks) cannot declare encryption in the StorageClass.
var encryptionParams = map[string][]encryptionParam{
	"kubernetes.io/aws-ebs": {{"encrypted", isTrue}},
	"ebs.csi.aws.com":       {{"encrypted", isTrue}},
	// Customer-managed keys; Google encrypts every disk, but only a key
	// named here is declared in the cluster.
	"pd.csi.storage.gke.io":         {{"disk-encryption-kms-key", nonEmpty}},
	"disk.csi.azure.com":            {{"diskencryptionsetid", nonEmpty}},
	"rbd.csi.ceph.com":              {{"encrypted", isTrue}},
	"driver.longhorn.io":            {{"encrypted", isTrue}},
	"pxd.portworx.com":              {{"secure", isTrue}},
	"kubernetes.io/portworx-volume": {{"secure", isTrue}},
	// LUKS with the passphrase from the node-publish secret.
	"csi.hetzner.cloud":       {{"csi.storage.k8s.io/node-publish-secret-name", nonEmpty}},
	"csi.cloudscale.ch":       {{"csi.cloudscale.ch/luks-encrypted", isTrue}},
	"linodebs.csi.linode.com": {{"linodebs.csi.linode.com/luks-encrypted", isTrue}, {"linodebs.csi.linode.com/encrypted", isTrue}},
}

func (p *projector) storageClass(o *object, ref string) error {
	var provisioner string
	var params map[string]string
	if err := decodeRaw("provisioner", o.Provisioner, &provisioner); err != nil {
		return err
	}
	if err := decodeRaw("parameters", o.Parameters, &params); err != nil {
		return err
	}
	sc := StorageClass{
		Name:        o.Metadata.Name,
		Provisioner: provisioner,
		Parameters:  map[string]string{},
		Ref:         ref,
	}
	a := o.Metadata.Annotations
	sc.Default = isTrue(a["storageclass.kubernetes.io/is-default-class"]) || isTrue(a["storageclass.beta.kubernetes.io/is-default-class"])
	for _, ep := range encryptionParams[provisioner] {
		for k, v := range params {
			if strings.ToLower(k) != ep.key {
				continue
			}
			sc.Parameters[k] = v
			if ep.on(v) {
				sc.Encrypted = true
			}
		}
	}
	p.c.StorageClasses[sc.Name] = sc
	return nil
}

func (p *projector) pvc(o *object, ref string) error {
	var spec struct {
		StorageClassName *string `json:"storageClassName"`
	}
	if err := decodeSpec(o.Spec, &spec); err != nil {
		return err
	}
	ns := o.Metadata.Namespace
	tenant, in := p.inScope(ns)
	c := PVC{Namespace: ns, Name: o.Metadata.Name, Tenant: tenant, InScope: in, Ref: ref}
	if spec.StorageClassName != nil {
		c.StorageClass = *spec.StorageClassName
	}
	p.c.PVCs = append(p.c.PVCs, c)
	return nil
}
