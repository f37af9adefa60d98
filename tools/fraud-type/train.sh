#!/usr/bin/env bash
# Builds src/Concord.FraudTypes/Model/fraud-type.zip (and fraud-type.json, its training record) from the dialogues in
# testdata/eval/fraud/teleantifraud: compares the candidate settings on a validation slice of the training four-fifths,
# trains the best on all four-fifths, then prints the model's and the baselines' figures on the held-out fifth.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet run --project tools/fraud-type/Train -c Release -- "$@"
