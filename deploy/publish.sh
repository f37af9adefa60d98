#!/usr/bin/env bash
# Builds the node's `concord` command for Linux x64 into DIR: self-contained (no .NET install needed on the node) and
# compiled ahead of time together with the .NET libraries it calls (ReadyToRun, composite), so that each command
# starts without compiling most of its code. Takes a few minutes.
#   deploy/publish.sh DIR [RUNTIME]     e.g. deploy/publish.sh /opt/concord linux-x64
set -euo pipefail
out=${1:?usage: deploy/publish.sh DIR [RUNTIME]}
rid=${2:-linux-x64}
cd "$(dirname "$0")/.."
dotnet publish src/Concord.Cli -c Release -r "$rid" --self-contained \
  -p:PublishReadyToRun=true -p:PublishReadyToRunComposite=true -o "$out"
echo "concord: $out/concord"
