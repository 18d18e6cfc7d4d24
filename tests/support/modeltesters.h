#pragma once

#include <QAbstractItemModelTester>
#include <QSortFilterProxyModel>

namespace Flotilla::Testing {

// A model and a QSortFilterProxyModel in front of it, both under
// QAbstractItemModelTester (QtTest failures, fetchMore used), as the views
// will see them. Declare it after the model: it must go first.
class ModelTesters final
{
public:
    explicit ModelTesters(QAbstractItemModel *model)
        : m_model(model, QAbstractItemModelTester::FailureReportingMode::QtTest)
    {
        m_model.setUseFetchMore(true);
        m_proxyModel.setSourceModel(model);
        m_proxy.setUseFetchMore(true);
    }

    QSortFilterProxyModel &proxy() { return m_proxyModel; }

private:
    QAbstractItemModelTester m_model;
    QSortFilterProxyModel m_proxyModel;
    QAbstractItemModelTester m_proxy{&m_proxyModel, QAbstractItemModelTester::FailureReportingMode::QtTest};
};

} // namespace Flotilla::Testing
