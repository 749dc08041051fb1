package scaletest

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Object is a generated Kubernetes object, or a part of one, shaped
// like an item of kubectl get -o json output.
type Object = map[string]any

// List is a JSON array in a generated object, and a list of generated
// objects. Arrays nested in an Object are Lists, so a type assertion on
// them is .(List).
type List []any

// kubernetesList is kubectl get -A -o json output.
func kubernetesList(items List) ([]byte, error) {
	return json.Marshal(Object{"apiVersion": "v1", "kind": "List", "metadata": Object{"resourceVersion": ""}, "items": items})
}

func meta(kind string, ns, name string, labels Object, seq int) Object {
	m := Object{
		"name":              name,
		"uid":               uid(kind, ns, name),
		"resourceVersion":   strconv.Itoa(100000 + seq),
		"creationTimestamp": "2026-09-14T08:12:41Z",
		"generation":        1,
	}
	if ns != "" {
		m["namespace"] = ns
	}
	if labels != nil {
		m["labels"] = labels
	}
	return m
}

// app describes one Deployment of a tenant namespace.
type app struct {
	name     string
	image    string
	port     int
	replicas int
	pdb      bool
}

func apps(i int) []app {
	worker := app{name: "worker", image: "queue-worker:2.7.0", port: 9090, replicas: 6, pdb: !workerNoPDB(i)}
	if workerSingle(i) {
		worker.replicas = 1
	}
	return []app{
		{name: "web", image: "shop-frontend:4.12.3", port: 8080, replicas: 10, pdb: true},
		{name: "api", image: "shop-api:3.4.1", port: 8000, replicas: 8, pdb: true},
		worker,
	}
}

func container(name, image string, port int, sc Object) Object {
	c := Object{
		"name":            name,
		"image":           "registry.beispiel-cloud.de/" + image,
		"imagePullPolicy": "IfNotPresent",
		"resources": Object{
			"limits":   Object{"cpu": "500m", "memory": "512Mi"},
			"requests": Object{"cpu": "100m", "memory": "256Mi"},
		},
		"terminationMessagePath":   "/dev/termination-log",
		"terminationMessagePolicy": "File",
		"volumeMounts": List{
			Object{"mountPath": "/var/run/secrets/kubernetes.io/serviceaccount", "name": "kube-api-access", "readOnly": true},
		},
	}
	if port > 0 {
		c["ports"] = List{Object{"containerPort": port, "protocol": "TCP", "name": "http"}}
		c["readinessProbe"] = Object{"httpGet": Object{"path": "/healthz", "port": port, "scheme": "HTTP"}, "periodSeconds": 10, "timeoutSeconds": 1, "successThreshold": 1, "failureThreshold": 3}
	}
	if sc != nil {
		c["securityContext"] = sc
	}
	return c
}

var restrictedContainer = Object{
	"allowPrivilegeEscalation": false,
	"readOnlyRootFilesystem":   true,
	"capabilities":             Object{"drop": List{"ALL"}},
}

func pod(ns, name string, labels Object, owner Object, spec Object, seq int) Object {
	m := meta("Pod", ns, name, labels, seq)
	delete(m, "generation")
	if owner != nil {
		m["ownerReferences"] = List{owner}
		m["generateName"] = name[:strings.LastIndexByte(name, '-')+1]
	}
	spec["dnsPolicy"] = "ClusterFirst"
	spec["enableServiceLinks"] = true
	spec["restartPolicy"] = "Always"
	spec["schedulerName"] = "default-scheduler"
	spec["serviceAccountName"] = "default"
	spec["terminationGracePeriodSeconds"] = 30
	spec["nodeName"] = fmt.Sprintf("worker-%02d.fsn1.beispiel-cloud.de", seq%40)
	spec["tolerations"] = List{
		Object{"effect": "NoExecute", "key": "node.kubernetes.io/not-ready", "operator": "Exists", "tolerationSeconds": 300},
		Object{"effect": "NoExecute", "key": "node.kubernetes.io/unreachable", "operator": "Exists", "tolerationSeconds": 300},
	}
	vols, _ := spec["volumes"].(List)
	spec["volumes"] = append(vols, Object{"name": "kube-api-access", "projected": Object{"defaultMode": 420, "sources": List{
		Object{"serviceAccountToken": Object{"expirationSeconds": 3607, "path": "token"}},
		Object{"configMap": Object{"name": "kube-root-ca.crt", "items": List{Object{"key": "ca.crt", "path": "ca.crt"}}}},
	}}})
	return Object{
		"apiVersion": "v1",
		"kind":       "Pod",
		"metadata":   m,
		"spec":       spec,
		"status": Object{
			"phase":     "Running",
			"qosClass":  "Burstable",
			"podIP":     fmt.Sprintf("10.%d.%d.%d", 64+seq/65536%64, seq/256%256, seq%256),
			"hostIP":    fmt.Sprintf("192.168.10.%d", 10+seq%40),
			"startTime": "2026-11-20T03:11:09Z",
			"conditions": List{
				Object{"type": "Ready", "status": "True", "lastTransitionTime": "2026-11-20T03:11:31Z"},
				Object{"type": "ContainersReady", "status": "True", "lastTransitionTime": "2026-11-20T03:11:31Z"},
				Object{"type": "PodScheduled", "status": "True", "lastTransitionTime": "2026-11-20T03:11:09Z"},
			},
		},
	}
}

// Objects are the generated Kubernetes objects of a provider by
// resource, each shaped like an item of kubectl get -A -o json output.
type Objects struct {
	Namespaces           List
	NetworkPolicies      List
	Pods                 List
	Deployments          List
	ReplicaSets          List
	DaemonSets           List
	Jobs                 List
	CronJobs             List
	PodDisruptionBudgets List
	Ingresses            List
	RoleBindings         List
	ClusterRoleBindings  List
}

// Count returns the number of objects.
func (k *Objects) Count() int {
	return len(k.Namespaces) + len(k.NetworkPolicies) + len(k.Pods) + len(k.Deployments) + len(k.ReplicaSets) + len(k.DaemonSets) +
		len(k.Jobs) + len(k.CronJobs) + len(k.PodDisruptionBudgets) + len(k.Ingresses) + len(k.RoleBindings) + len(k.ClusterRoleBindings)
}

// template is a pod template with the given labels and spec.
func template(labels Object, spec Object) Object {
	return Object{"metadata": Object{"labels": labels}, "spec": spec}
}

// controllerRef is an owner reference to the controller kind/name.
func controllerRef(apiVersion, kind, ns, name string) Object {
	return Object{"apiVersion": apiVersion, "kind": kind, "name": name, "uid": uid(kind, ns, name), "controller": true, "blockOwnerDeletion": true}
}

// Kubernetes returns the Kubernetes objects of a provider with n tenants,
// the cluster's own included, and what the whole provider was made to
// fail: Want is the one Generate returns for n, its backup defects
// included.
func Kubernetes(n int) (*Objects, Want) {
	var want Want
	k := &Objects{}
	k.clusterObjects(&want)
	for i := range n {
		k.tenantObjects(i, &want)
		if staleBackup(i) && !noBackupAtAll(i) {
			want.StaleTenants = append(want.StaleTenants, "backup/tenant/"+Tenant(i))
		}
		if noBackupAtAll(i) {
			want.NoBackup = append(want.NoBackup, "backup/tenant/"+Tenant(i))
		}
	}
	return k, want
}

// tenantObjects generates the objects of tenant i's namespace.
func (k *Objects) tenantObjects(i int, want *Want) {
	t, ns := Tenant(i), Namespace(i)
	env := "production"
	if isStage(i) {
		env = "staging"
	}
	seq := i * 100
	k.Namespaces = append(k.Namespaces, Object{
		"apiVersion": "v1", "kind": "Namespace",
		"metadata": meta("Namespace", "", ns, Object{
			"kubernetes.io/metadata.name":        ns,
			"beispiel-cloud.de/tenant":           t,
			"environment":                        env,
			"pod-security.kubernetes.io/enforce": "restricted",
		}, seq),
		"spec":   Object{"finalizers": List{"kubernetes"}},
		"status": Object{"phase": "Active"},
	})
	want.Namespaces++

	netpol := func(name string, spec Object) {
		seq++
		k.NetworkPolicies = append(k.NetworkPolicies, Object{"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": meta("NetworkPolicy", ns, name, nil, seq), "spec": spec})
	}
	switch {
	case noNetpol(i):
		want.NetpolFail = append(want.NetpolFail, Source+"/namespace/"+ns)
	case ingressDeny(i):
		netpol("default-deny-ingress", Object{"podSelector": Object{}, "policyTypes": List{"Ingress"}})
		want.NetpolFail = append(want.NetpolFail, Source+"/namespace/"+ns)
	default:
		netpol("default-deny-all", Object{"podSelector": Object{}, "policyTypes": List{"Ingress", "Egress"}})
	}
	netpol("allow-from-ingress-nginx", Object{
		"podSelector": Object{"matchLabels": Object{"app.kubernetes.io/name": "web"}},
		"policyTypes": List{"Ingress"},
		"ingress": List{Object{
			"from":  List{Object{"namespaceSelector": Object{"matchLabels": Object{"kubernetes.io/metadata.name": "ingress-nginx"}}}},
			"ports": List{Object{"port": 8080, "protocol": "TCP"}},
		}},
	})
	netpol("allow-dns", Object{
		"podSelector": Object{},
		"policyTypes": List{"Egress"},
		"egress": List{Object{
			"to":    List{Object{"namespaceSelector": Object{"matchLabels": Object{"kubernetes.io/metadata.name": "kube-system"}}, "podSelector": Object{"matchLabels": Object{"k8s-app": "kube-dns"}}}},
			"ports": List{Object{"port": 53, "protocol": "UDP"}, Object{"port": 53, "protocol": "TCP"}},
		}},
	})

	podSC := Object{"runAsNonRoot": true, "runAsUser": 10001, "fsGroup": 10001, "seccompProfile": Object{"type": "RuntimeDefault"}}
	npods := 0
	for _, a := range apps(i) {
		seq++
		labels := Object{"app.kubernetes.io/name": a.name, "app.kubernetes.io/part-of": "shop", "beispiel-cloud.de/tenant": t}
		hash := hexID(ns, a.name)[:10]
		tmplSpec := Object{
			"securityContext": podSC,
			"containers":      List{container(a.name, a.image, a.port, restrictedContainer)},
		}
		k.Deployments = append(k.Deployments, Object{
			"apiVersion": "apps/v1", "kind": "Deployment",
			"metadata": meta("Deployment", ns, a.name, labels, seq),
			"spec": Object{
				"replicas":                a.replicas,
				"revisionHistoryLimit":    10,
				"progressDeadlineSeconds": 600,
				"selector":                Object{"matchLabels": Object{"app.kubernetes.io/name": a.name}},
				"strategy":                Object{"type": "RollingUpdate", "rollingUpdate": Object{"maxSurge": "25%", "maxUnavailable": "25%"}},
				"template":                template(labels, tmplSpec),
			},
			"status": Object{"replicas": a.replicas, "readyReplicas": a.replicas, "availableReplicas": a.replicas, "observedGeneration": 1},
		})
		// The Deployment's current ReplicaSet, which owns its pods.
		seq++
		rsLabels := Object{"app.kubernetes.io/name": a.name, "app.kubernetes.io/part-of": "shop", "beispiel-cloud.de/tenant": t, "pod-template-hash": hash}
		rsMeta := meta("ReplicaSet", ns, a.name+"-"+hash, rsLabels, seq)
		rsMeta["ownerReferences"] = List{controllerRef("apps/v1", "Deployment", ns, a.name)}
		k.ReplicaSets = append(k.ReplicaSets, Object{
			"apiVersion": "apps/v1", "kind": "ReplicaSet",
			"metadata": rsMeta,
			"spec": Object{
				"replicas": a.replicas,
				"selector": Object{"matchLabels": Object{"app.kubernetes.io/name": a.name, "pod-template-hash": hash}},
				"template": template(rsLabels, tmplSpec),
			},
			"status": Object{"replicas": a.replicas, "readyReplicas": a.replicas, "availableReplicas": a.replicas, "observedGeneration": 1},
		})
		if a.pdb {
			seq++
			k.PodDisruptionBudgets = append(k.PodDisruptionBudgets, Object{
				"apiVersion": "policy/v1", "kind": "PodDisruptionBudget",
				"metadata": meta("PodDisruptionBudget", ns, a.name+"-pdb", nil, seq),
				"spec":     Object{"minAvailable": 1, "selector": Object{"matchLabels": Object{"app.kubernetes.io/name": a.name}}},
				"status":   Object{"currentHealthy": a.replicas, "desiredHealthy": 1, "disruptionsAllowed": a.replicas - 1, "expectedPods": a.replicas, "observedGeneration": 1},
			})
		}
		if !isStage(i) && (a.replicas < 2 || !a.pdb) {
			want.AvailFail = append(want.AvailFail, Source+"/deployment/"+ns+"/"+a.name)
		}
		owner := controllerRef("apps/v1", "ReplicaSet", ns, a.name+"-"+hash)
		for r := range a.replicas {
			seq++
			name := fmt.Sprintf("%s-%s-%s", a.name, hash, hexID(ns, a.name, r)[:5])
			podLabels := Object{"app.kubernetes.io/name": a.name, "app.kubernetes.io/part-of": "shop", "beispiel-cloud.de/tenant": t, "pod-template-hash": hash}
			spec := Object{
				"securityContext": podSC,
				"containers":      List{container(a.name, a.image, a.port, restrictedContainer)},
				"volumes":         List{Object{"name": "tmp", "emptyDir": Object{"sizeLimit": "64Mi"}}},
			}
			k.Pods = append(k.Pods, pod(ns, name, podLabels, owner, spec, seq))
			npods++
		}
	}
	// Nightly export jobs of the CronJob export: completed pods owned by
	// Jobs, running as the image's user (root), which K8S-POD-04 reports
	// through the CronJob.
	exportSpec := Object{"containers": List{container("export", "db-export:1.0.4", 0, nil)}, "restartPolicy": "OnFailure"}
	seq++
	k.CronJobs = append(k.CronJobs, Object{
		"apiVersion": "batch/v1", "kind": "CronJob",
		"metadata": meta("CronJob", ns, "export", Object{"app.kubernetes.io/name": "export"}, seq),
		"spec": Object{"schedule": "20 2 * * *", "concurrencyPolicy": "Forbid", "successfulJobsHistoryLimit": 6,
			"jobTemplate": Object{"spec": Object{"backoffLimit": 2, "template": template(Object{"app.kubernetes.io/name": "export"}, exportSpec)}}},
		"status": Object{"lastScheduleTime": "2026-11-23T02:20:00Z", "lastSuccessfulTime": "2026-11-23T02:24:41Z"},
	})
	for j := 0; npods < 30; j++ {
		seq++
		job := fmt.Sprintf("export-2911%02d", 20+j)
		jobMeta := meta("Job", ns, job, Object{"job-name": job, "batch.kubernetes.io/job-name": job}, seq)
		jobMeta["ownerReferences"] = List{controllerRef("batch/v1", "CronJob", ns, "export")}
		k.Jobs = append(k.Jobs, Object{
			"apiVersion": "batch/v1", "kind": "Job", "metadata": jobMeta,
			"spec":   Object{"backoffLimit": 2, "completions": 1, "parallelism": 1, "template": template(Object{"job-name": job}, exportSpec)},
			"status": Object{"succeeded": 1, "startTime": "2026-11-23T02:20:01Z", "completionTime": "2026-11-23T02:24:41Z"},
		})
		seq++
		name := job + "-" + hexID(ns, job)[:5]
		spec := Object{"containers": List{container("export", "db-export:1.0.4", 0, nil)}}
		p := pod(ns, name, Object{"job-name": job, "batch.kubernetes.io/job-name": job}, controllerRef("batch/v1", "Job", ns, job), spec, seq)
		p["status"].(Object)["phase"] = "Succeeded"
		k.Pods = append(k.Pods, p)
		npods++
	}
	if privileged(i) {
		seq++
		name := "log-shipper-" + hexID(ns, "log")[:5]
		spec := Object{
			"containers": List{container("fluent-bit", "fluent-bit:3.1.9", 2020, Object{"privileged": true, "runAsUser": 0})},
			"volumes":    List{Object{"name": "varlog", "hostPath": Object{"path": "/var/log", "type": ""}}},
		}
		dsLabels := Object{"app.kubernetes.io/name": "log-shipper"}
		k.DaemonSets = append(k.DaemonSets, Object{
			"apiVersion": "apps/v1", "kind": "DaemonSet",
			"metadata": meta("DaemonSet", ns, "log-shipper", dsLabels, seq),
			"spec":     Object{"selector": Object{"matchLabels": dsLabels}, "template": template(dsLabels, spec)},
			"status":   Object{"currentNumberScheduled": 1, "desiredNumberScheduled": 1, "numberReady": 1},
		})
		seq++
		k.Pods = append(k.Pods, pod(ns, name, dsLabels, controllerRef("apps/v1", "DaemonSet", ns, "log-shipper"), spec, seq))
		want.Privileged = append(want.Privileged, Source+"/daemonset/"+ns+"/log-shipper")
	}
	if hostNetwork(i) {
		seq++
		name := "netdebug"
		spec := Object{"hostNetwork": true, "securityContext": podSC, "containers": List{container("netshoot", "netshoot:0.13", 0, restrictedContainer)}}
		p := pod(ns, name, Object{"run": "netdebug"}, nil, spec, seq)
		k.Pods = append(k.Pods, p)
		want.HostNetwork = append(want.HostNetwork, Source+"/pod/"+ns+"/"+name)
	}

	seq++
	host, www := t+".kunden.beispiel-cloud.de", "www."+t+".kunden.beispiel-cloud.de"
	ing := Object{
		"ingressClassName": "nginx",
		"rules": List{
			Object{"host": host, "http": Object{"paths": List{Object{"path": "/", "pathType": "Prefix", "backend": Object{"service": Object{"name": "web", "port": Object{"number": 8080}}}}}}},
			Object{"host": www, "http": Object{"paths": List{Object{"path": "/", "pathType": "Prefix", "backend": Object{"service": Object{"name": "web", "port": Object{"number": 8080}}}}}}},
		},
	}
	switch {
	case noTLS(i):
		want.IngressFail = append(want.IngressFail, Source+"/ingress/"+ns+"/web")
	case partialTLS(i):
		ing["tls"] = List{Object{"hosts": List{host}, "secretName": "web-tls"}}
		want.IngressFail = append(want.IngressFail, Source+"/ingress/"+ns+"/web")
	default:
		ing["tls"] = List{Object{"hosts": List{host, www}, "secretName": "web-tls"}}
	}
	k.Ingresses = append(k.Ingresses, Object{
		"apiVersion": "networking.k8s.io/v1", "kind": "Ingress",
		"metadata": func() Object {
			m := meta("Ingress", ns, "web", Object{"app.kubernetes.io/name": "web"}, seq)
			m["annotations"] = Object{"cert-manager.io/cluster-issuer": "letsencrypt", "nginx.ingress.kubernetes.io/proxy-body-size": "16m"}
			return m
		}(),
		"spec":   ing,
		"status": Object{"loadBalancer": Object{"ingress": List{Object{"ip": "203.0.113.10"}}}},
	})

	for _, rb := range []struct{ name, role, kind, subject string }{
		{"tenant-admins", "admin", "Group", "oidc:" + t + ":admins"},
		{"ci-deployer", "edit", "ServiceAccount", "deployer"},
	} {
		seq++
		s := Object{"kind": rb.kind, "name": rb.subject}
		if rb.kind == "ServiceAccount" {
			s["namespace"] = ns
		} else {
			s["apiGroup"] = "rbac.authorization.k8s.io"
		}
		k.RoleBindings = append(k.RoleBindings, Object{
			"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding",
			"metadata": meta("RoleBinding", ns, rb.name, nil, seq),
			"roleRef":  Object{"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": rb.role},
			"subjects": List{s},
		})
	}
}

// clusterObjects adds the platform's own namespaces and the
// ClusterRoleBindings of a kubeadm cluster plus the provider's.
func (k *Objects) clusterObjects(want *Want) {
	for i, ns := range []string{"default", "kube-system", "kube-public", "kube-node-lease", "ingress-nginx", "cert-manager", "monitoring"} {
		k.Namespaces = append(k.Namespaces, Object{
			"apiVersion": "v1", "kind": "Namespace",
			"metadata": meta("Namespace", "", ns, Object{"kubernetes.io/metadata.name": ns}, i),
			"spec":     Object{"finalizers": List{"kubernetes"}},
			"status":   Object{"phase": "Active"},
		})
	}
	crb := func(name, role string, subjects ...Object) {
		k.ClusterRoleBindings = append(k.ClusterRoleBindings, Object{
			"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding",
			"metadata": meta("ClusterRoleBinding", "", name, Object{"kubernetes.io/bootstrapping": "rbac-defaults"}, len(k.ClusterRoleBindings)),
			"roleRef":  Object{"apiGroup": "rbac.authorization.k8s.io", "kind": "ClusterRole", "name": role},
			"subjects": List(func() []any {
				out := make([]any, len(subjects))
				for i, s := range subjects {
					out[i] = s
				}
				return out
			}()),
		})
	}
	group := func(n string) Object {
		return Object{"apiGroup": "rbac.authorization.k8s.io", "kind": "Group", "name": n}
	}
	user := func(n string) Object {
		return Object{"apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": n}
	}
	sa := func(ns, n string) Object { return Object{"kind": "ServiceAccount", "namespace": ns, "name": n} }
	crb("cluster-admin", "cluster-admin", group("system:masters"))
	crb("platform-ops-admin", "cluster-admin", group("platform-ops"))
	crb("kubecfg-cluster-admin", "cluster-admin", user("kubecfg"))
	want.AdminBindings = append(want.AdminBindings, Source+"/clusterrolebinding/kubecfg-cluster-admin")
	crb("argocd-application-controller", "cluster-admin", sa("argocd", "argocd-application-controller"))
	want.AdminBindings = append(want.AdminBindings, Source+"/clusterrolebinding/argocd-application-controller")
	for _, r := range []string{
		"system:basic-user", "system:discovery", "system:public-info-viewer", "system:monitoring",
		"system:node-proxier", "system:kube-controller-manager", "system:kube-dns", "system:kube-scheduler",
		"system:volume-scheduler", "system:service-account-issuer-discovery", "kubeadm:get-nodes",
		"system:controller:attachdetach-controller", "system:controller:clusterrole-aggregation-controller",
		"system:controller:cronjob-controller", "system:controller:daemon-set-controller",
		"system:controller:deployment-controller", "system:controller:disruption-controller",
		"system:controller:endpoint-controller", "system:controller:endpointslice-controller",
		"system:controller:ephemeral-volume-controller", "system:controller:expand-controller",
		"system:controller:generic-garbage-collector", "system:controller:horizontal-pod-autoscaler",
		"system:controller:job-controller", "system:controller:namespace-controller",
		"system:controller:node-controller", "system:controller:persistent-volume-binder",
		"system:controller:pod-garbage-collector", "system:controller:pv-protection-controller",
		"system:controller:pvc-protection-controller", "system:controller:replicaset-controller",
		"system:controller:replication-controller", "system:controller:resourcequota-controller",
		"system:controller:root-ca-cert-publisher", "system:controller:route-controller",
		"system:controller:service-account-controller", "system:controller:service-controller",
		"system:controller:statefulset-controller", "system:controller:ttl-after-finished-controller",
		"system:controller:ttl-controller", "ingress-nginx", "cert-manager-controller-issuers",
		"cert-manager-controller-certificates", "prometheus-operator", "prometheus-k8s",
		"kube-state-metrics", "node-exporter",
	} {
		crb(r, r, sa("kube-system", strings.ReplaceAll(strings.TrimPrefix(r, "system:controller:"), ":", "-")))
	}
	slices.Sort(want.AdminBindings)
}
