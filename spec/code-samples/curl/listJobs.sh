# Queued and running jobs of every user, newest first, 50 per page.
# Several values of one filter go comma-separated (inferred): statuses=Queued,Running
curl -s -G 'http://localhost/webapi/v3/jobs' \
  -H 'accept: application/json' \
  -H "Authorization: Bearer $TOKEN" \
  -d 'statuses=Queued,Running' -d allUsers=true \
  -d sortField=CreateDate -d direction=desc \
  -d offset=0 -d limit=50

# Completed jobs of two workflows, finished on or after 1 October.
curl -s -G 'http://localhost/webapi/v3/jobs' \
  -H 'accept: application/json' \
  -H "Authorization: Bearer $TOKEN" \
  -d statuses=Complete -d completedAfter=2025-10-01 \
  -d 'workflowNames=Daily%20load,Weekly%20report'
