// The version of each exercise page's questions as they are now, for vk-progress.js: a record
// saved for an older bank is not checked off. Written by tools/make_exercises.py from
// exercises/bank/*.yml; do not edit.
window.VeerkrachtQuizVersions = [
 "1662d687d665 80d7e919619b a6f32951d74b 9661ece80a3c ff0b86383c56 8c77f1b185e1 ab7c8ea73a52 fa9191b24e60 a0e95adf0e9f 5e05635bb36d b9bfe62e9fc0 6263bff1e178",
 "b055ce6d0133 91e76f587fb9 5262ead34fd5 764a8f80e5d2 5e083dd095f6 f4ade1ac07ec 8ab8249e85b1 9c011251fcf6 a97054c8ed4d c9df5a7f9f7a 4269273ef4f0 2fd296f81889",
 "427b800ba1f3 95cc19fc066a 60bdad8a07c0 524120d14579 bb95121958ed 781d59a87102 39e2151826a2 a3ba627a06cd e2b59126431a 29c3e6729b33 fd7f6e04f03c 0799ced0dce0",
 "07ac0f8d00ee 224ddc8f1035 9e3baba0d2ad 023f0dda80d5 308ceac7100e 3651f36d3fbd 9ec03d646f98 157383b4ff3b 0f3b44c91157 fea75df7800c 763beef0d8e7 d01ae0abd953",
 "52ca3c614cb9 04f0ebc66eba 677782b507be beb94a1ab8e3 60691f1ba4d1 f80e6fccf6a5 0b43c7c56681 9141376b24d4 b4a3c5762581 0be1f811fa6c da930bf8d8cf 18dfcb69fd23"
];
