#!/usr/bin/env python3
"""Validates every example against a FHIR server that has our package installed, e.g. the stock HAPI starter:
every examples/valid file must get no error, every examples/invalid file the error named in expected-messages.json.

    python3 scripts/validate-examples.py http://localhost:8080/fhir
"""
import glob
import json
import os
import sys
import urllib.error
import urllib.request

base = sys.argv[1].rstrip('/') if len(sys.argv) > 1 else 'http://localhost:8080/fhir'
root = os.path.join(os.path.dirname(__file__), '..', 'examples')
expected = json.load(open(os.path.join(root, 'invalid', 'expected-messages.json')))


def errors(path):
    resource = json.load(open(path))
    request = urllib.request.Request(f"{base}/{resource['resourceType']}/$validate", data=json.dumps(resource).encode(),
                                     headers={'Content-Type': 'application/fhir+json'}, method='POST')
    try:
        body = urllib.request.urlopen(request).read()
    except urllib.error.HTTPError as refused:
        body = refused.read()
    return [i.get('diagnostics', '') for i in json.loads(body).get('issue', []) if i['severity'] in ('error', 'fatal')]


valid = sorted(glob.glob(os.path.join(root, 'valid', '*.json')))
invalid = sorted(p for p in glob.glob(os.path.join(root, 'invalid', '*.json')) if not p.endswith('expected-messages.json'))
clean = refused = 0
for path in valid:
    found = errors(path)
    clean += not found
    if found: print('valid example with errors:', os.path.basename(path), found)
for path in invalid:
    message = expected[os.path.basename(path)]
    found = errors(path)
    refused += any(message in e for e in found)
    if not any(message in e for e in found): print('invalid example not refused for its reason:', os.path.basename(path), message, found)
print(f'valid examples without error: {clean}/{len(valid)}; invalid examples refused for their reason: {refused}/{len(invalid)}')
sys.exit(0 if clean == len(valid) and refused == len(invalid) else 1)
