# What the opskit binary loads: libcurl only when check --external needs it (curl-on-demand.sh).
add_test(NAME libraries_curl_on_demand
         COMMAND bash ${CMAKE_CURRENT_LIST_DIR}/curl-on-demand.sh $<TARGET_FILE:opskit> ${OPSKIT_TEST_OUT}/curl-on-demand)
