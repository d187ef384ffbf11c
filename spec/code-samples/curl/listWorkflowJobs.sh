# A workflow's completed jobs that ended in error, newest first, 20 at a time.
# The answer is a bare array: the last page is the one shorter than limit.
curl -s -G 'http://localhost/webapi/v3/workflows/68c7c7802a719467662d3001/jobs' \
  -H 'accept: application/json' \
  -H "Authorization: Bearer $TOKEN" \
  -d status=Complete -d resultCode=Error \
  -d sortField=CreateDate -d direction=desc \
  -d offset=0 -d limit=20
