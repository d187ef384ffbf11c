# Save an output as CSV under the name the server gives it (-J: from Content-Disposition;
# curl keeps only the name's last segment and never overwrites an existing file).
curl -sS --fail-with-body -OJ \
  'http://localhost/webapi/v1/jobs/68dd3292c97fddfcc003adcb/output/68dd32a1c97fddfcc003adcd?format=Csv' \
  -H 'accept: */*' \
  -H "Authorization: Bearer $TOKEN"
