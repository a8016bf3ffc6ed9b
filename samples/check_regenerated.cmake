# Regenerates both sample sets into WORK_DIR and compares them with the committed files, so a
# change to the generator or its plan cannot leave the samples (and the README's figures) stale.
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

function(regenerate households registry)
    execute_process(
        COMMAND ${GENERATOR} ${ARGN}
            --out ${WORK_DIR}/${households} --registry-out ${WORK_DIR}/${registry}
        RESULT_VARIABLE status)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "c5-sample-households ${ARGN} failed: ${status}")
    endif()
    foreach(name ${households} ${registry})
        execute_process(
            COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK_DIR}/${name} ${SAMPLES_DIR}/${name}
            RESULT_VARIABLE differs)
        if(NOT differs EQUAL 0)
            message(FATAL_ERROR "samples/${name} differs from what the generator writes; "
                "regenerate it as samples/README.md says and check the README's figures")
        endif()
    endforeach()
endfunction()

regenerate(households.csv registry-hanoi.csv --set hanoi)
regenerate(households-2025.csv registry-2025.csv --set 2025 --crlf --bom)
