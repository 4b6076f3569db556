#!/usr/bin/env bash
# Fetches what test/deploy/k8s.test.ts validates the manifests with, into .cache/ (idempotent: a
# second run with a warm cache takes well under a second). Only package registries are used:
#   kubeconform          Go module proxy  -> .cache/bin/kubeconform
#   kustomize            `kubectl kustomize` when kubectl is installed, else the Go module proxy
#   Kubernetes schemas   PyPI kubernetes-validate (ships the JSON schemas per Kubernetes version)
#   CloudNativePG CRDs   Go module proxy (github.com/cloudnative-pg/cloudnative-pg, config/crd/bases)
#   Strimzi CRDs         Maven Central (io.strimzi:api + crd-generator, rendered with a JDK >= 21)
# Prints `KEY=VALUE` lines the test reads (paths and versions).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

KUBECONFORM_VERSION=v0.6.7
KUSTOMIZE_VERSION=v5.5.0
KUBERNETES_VERSION=1.32.0
KUBERNETES_VALIDATE_VERSION=1.37.0
CNPG_VERSION=v1.28.0
STRIMZI_VERSION=$(sed -n 's:.*<strimzi.version>\(.*\)</strimzi.version>.*:\1:p' scripts/strimzi-crds.pom.xml)

bin=$root/.cache/bin
cache=$root/.cache/deploy
mkdir -p "$bin" "$cache"
log() { printf '%s\n' "$*" >&2; }

# kubeconform
# (`go install` leaves the binary's own version "development": a stamp file records ours.)
if [[ ! -x $bin/kubeconform || ! -f $bin/.kubeconform-$KUBECONFORM_VERSION ]]; then
  log "deploy-tools: installing kubeconform $KUBECONFORM_VERSION"
  GOBIN=$bin GOFLAGS=-buildvcs=false go install "github.com/yannh/kubeconform/cmd/kubeconform@$KUBECONFORM_VERSION"
  touch "$bin/.kubeconform-$KUBECONFORM_VERSION"
fi

# kustomize: kubectl's built-in one, else a standalone binary
if command -v kubectl >/dev/null && kubectl kustomize --help >/dev/null 2>&1; then
  kustomize="kubectl kustomize"
else
  if [[ ! -x $bin/kustomize ]]; then
    log "deploy-tools: installing kustomize $KUSTOMIZE_VERSION"
    GOBIN=$bin GOFLAGS=-buildvcs=false go install "sigs.k8s.io/kustomize/kustomize/v5@$KUSTOMIZE_VERSION"
  fi
  kustomize="$bin/kustomize build"
fi

# Kubernetes JSON schemas (strict: no unknown fields). kubernetes-validate's schemas share one
# _definitions.json through absolute `$ref`s under https://kubernetes.io/api/; rewriting them to
# a relative file reference lets kubeconform resolve them offline.
schemas=$cache/k8s-schemas
if [[ ! -f $schemas/v$KUBERNETES_VERSION-local-strict/.complete ]]; then
  log "deploy-tools: fetching Kubernetes $KUBERNETES_VERSION schemas (kubernetes-validate $KUBERNETES_VALIDATE_VERSION)"
  wheels=$cache/wheels
  mkdir -p "$wheels"
  python3 -m pip download --quiet --no-deps --only-binary=:all: -d "$wheels" \
    "kubernetes-validate==$KUBERNETES_VALIDATE_VERSION"
  rm -rf "$schemas.tmp" && mkdir -p "$schemas.tmp"
  python3 - "$wheels/kubernetes_validate-$KUBERNETES_VALIDATE_VERSION-py3-none-any.whl" \
    "v$KUBERNETES_VERSION-local-strict" "$schemas.tmp" <<'PY'
import json, os, sys, zipfile
wheel, version, out = sys.argv[1:]
prefix = f'kubernetes_validate/kubernetes-json-schema/{version}/'
os.makedirs(os.path.join(out, version))
with zipfile.ZipFile(wheel) as z:
    names = [n for n in z.namelist() if n.startswith(prefix) and n.endswith('.json')]
    if not names:
        sys.exit(f'{version} not in {wheel}')
    for name in names:
        doc = json.loads(z.read(name))
        if not name.endswith('/_definitions.json'):
            doc.pop('$id', None)
        text = json.dumps(doc).replace('"/api/_definitions.json#', '"_definitions.json#')
        with open(os.path.join(out, version, name[len(prefix):]), 'w') as f:
            f.write(text)
PY
  touch "$schemas.tmp/v$KUBERNETES_VERSION-local-strict/.complete"
  rm -rf "$schemas" && mv "$schemas.tmp" "$schemas"
fi

# CloudNativePG CRDs from its Go module
cnpg=$cache/crds/cloudnative-pg-$CNPG_VERSION
if [[ ! -f $cnpg/.complete ]]; then
  log "deploy-tools: fetching CloudNativePG $CNPG_VERSION CRDs"
  dir=$(cd "$cache" && GOFLAGS=-mod=mod go mod download -json "github.com/cloudnative-pg/cloudnative-pg@$CNPG_VERSION" |
    sed -n 's/^\t"Dir": "\(.*\)",$/\1/p')
  rm -rf "$cnpg" && mkdir -p "$cnpg"
  cp "$dir"/config/crd/bases/postgresql.cnpg.io_*.yaml "$cnpg/"
  touch "$cnpg/.complete"
fi

# Strimzi CRDs: rendered by Strimzi's own generator from its API model, both from Maven Central
# The suffix names the set of kinds rendered: a new kind gets a new directory, rendered once.
strimzi=$cache/crds/strimzi-$STRIMZI_VERSION-users
if [[ ! -f $strimzi/.complete ]]; then
  log "deploy-tools: rendering Strimzi $STRIMZI_VERSION CRDs"
  java=
  for candidate in "$(command -v java || true)" /usr/lib/jvm/*/bin/java; do
    [[ -x $candidate ]] || continue
    major=$("$candidate" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
    if [[ -n $major ]] && ((${major%%.*} >= 21)); then java=$candidate && break; fi
  done
  [[ -n $java ]] || { log "deploy-tools: Strimzi's CRD generator needs a JDK >= 21"; exit 1; }
  mvn -B -q -f scripts/strimzi-crds.pom.xml dependency:build-classpath -Dmdep.outputFile="$cache/strimzi.classpath" >&2
  rm -rf "$strimzi" && mkdir -p "$strimzi"
  "$java" -cp "$(cat "$cache/strimzi.classpath")" io.strimzi.crdgenerator.CrdGenerator \
    --crd-api-version v1 --api-versions v1 --storage-version v1 --yaml \
    "io.strimzi.api.kafka.model.kafka.Kafka=$strimzi/kafka.strimzi.io_kafkas.yaml" \
    "io.strimzi.api.kafka.model.nodepool.KafkaNodePool=$strimzi/kafka.strimzi.io_kafkanodepools.yaml" \
    "io.strimzi.api.kafka.model.topic.KafkaTopic=$strimzi/kafka.strimzi.io_kafkatopics.yaml" \
    "io.strimzi.api.kafka.model.user.KafkaUser=$strimzi/kafka.strimzi.io_kafkausers.yaml" >&2
  touch "$strimzi/.complete"
fi

echo "KUBECONFORM=$bin/kubeconform"
echo "KUSTOMIZE=$kustomize"
echo "KUBERNETES_VERSION=$KUBERNETES_VERSION"
echo "KUBERNETES_SCHEMAS=$schemas"
echo "CRDS=$cnpg:$strimzi"
